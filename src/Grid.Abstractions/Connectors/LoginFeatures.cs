namespace Grid.Abstractions.Connectors;

/// <summary>
/// What a connector is used for. While <see cref="QrLogin"/> or <see cref="WebLogin"/> is on, at least one fallback
/// (<see cref="PasswordFallback"/>, <see cref="SmsFallback"/>) must stay on, so people can sign in when WeCom cannot.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.login-features")]
public sealed record LoginFeatures(
    bool ContactSync,
    bool QrLogin,
    bool WebLogin,
    bool PasswordFallback,
    bool SmsFallback)
{
    /// <summary>Contact sync, QR and web login, with the password fallback.</summary>
    public static LoginFeatures Default { get; } = new(true, true, true, true, false);

    /// <summary>Whether a WeCom sign-in feature is on.</summary>
    public bool AnyWeComLogin => QrLogin || WebLogin;

    /// <summary>Whether a fallback sign-in is on.</summary>
    public bool AnyFallback => PasswordFallback || SmsFallback;
}
