namespace Grid.Abstractions.Sessions;

/// <summary>What a new session starts from: the signed-in account, how it signed in, and the client it came from.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.session-opening")]
public sealed record SessionOpening(
    [property: Id(0)] string AccountId,
    [property: Id(1)] SignInMethod Method,
    [property: Id(2)] SessionClient Client);

/// <summary>
/// The client a session was opened from, as the sign-in front end reports it (informational: shown to admins, never
/// trusted for decisions). Empty strings when unknown.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.session-client")]
public sealed record SessionClient(
    [property: Id(0)] string IpAddress,
    [property: Id(1)] string UserAgent)
{
    /// <summary>No client information.</summary>
    public static SessionClient Unknown { get; } = new("", "");
}
