namespace Grid.Host.Grpc;

/// <summary>Access tokens and the dev credential, bound from the <c>Grid:Auth</c> configuration section.</summary>
public sealed class GridAuthOptions
{
    public const string SectionName = "Grid:Auth";

    /// <summary>The <c>iss</c> of issued tokens, checked on every call.</summary>
    public string Issuer { get; set; } = "grid";

    /// <summary>The <c>aud</c> of issued tokens, checked on every call.</summary>
    public string Audience { get; set; } = "grid-api";

    /// <summary>How long an access token is accepted after it was issued (1 minute to 1 hour).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tolerated clock difference between silos when checking token times (at most 5 minutes).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a silo trusts its copy of the public keys before reading them again.</summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a signing key signs before the next one takes over (1 to 365 days).</summary>
    public TimeSpan KeyRotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The dev profile's ready admin credential.</summary>
    public DevCredentialOptions DevCredential { get; set; } = new();

    /// <summary>The deployment's first platform-admin credential, chosen by the operator (any profile).</summary>
    public BootstrapCredentialOptions Bootstrap { get; set; } = new();

    /// <summary>Limits on failed token requests, against secret guessing.</summary>
    public TokenRequestLimitOptions FailedTokenRequests { get; set; } = new();
}

/// <summary>
/// In the dev profile only, the host creates tenant <see cref="TenantId"/> and an admin service client at start-up and
/// writes its credential to <see cref="Path"/> (mode 0600) for gridctl and other clients.
/// </summary>
public sealed class DevCredentialOptions
{
    /// <summary>Whether to create the credential (dev profile only; ignored by the cluster profile).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The credential file (a relative path is taken from the working directory). By default
    /// <c>grid/dev-credentials.json</c> in the user's config directory (e.g. ~/.config), where gridctl looks for it
    /// wherever either was started from.
    /// </summary>
    public string Path { get; set; } = DefaultPath();

    private static string DefaultPath()
    {
        var config = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(config) ? ".grid/credentials.json" : System.IO.Path.Combine(config, "grid", "dev-credentials.json");
    }

    /// <summary>The tenant to create (idempotent) and to create the client in.</summary>
    public string TenantId { get; set; } = "demo";
}
