namespace Grid.Grains.Sessions;

/// <summary>End-user sessions and their refresh tokens. Section <c>Grid:Sessions</c>.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Grid:Sessions";

    /// <summary>How long a session lasts at most, however often it is refreshed (1 hour to 365 days; default 30 days).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a session lasts without a refresh (5 minutes to <see cref="Lifetime"/>; default 7 days).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How many rotated refresh tokens a session remembers (by hash) to recognise their reuse (1-100; default 20).
    /// A token older than that is merely invalid.
    /// </summary>
    public int RotatedTokensKept { get; set; } = 20;

    /// <summary>
    /// How long a revocation stays on the cluster's list: longer than an access token lives plus the clock skew. The
    /// host sets it from its token settings.
    /// </summary>
    public TimeSpan RevocationRetention { get; set; } = TimeSpan.FromMinutes(11);

    /// <summary>How long the revocation list waits for one silo to acknowledge a new revocation (default 2 s).</summary>
    public TimeSpan AnnounceTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a silo's subscription to revocations lasts without renewal (default 2 minutes).</summary>
    public TimeSpan SubscriptionLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many live sessions one account may hold (1-1000; default 100); opening one more revokes the oldest, so
    /// that revoking an account's sessions (password set, account disabled) reaches all of them.
    /// </summary>
    public int MaxSessionsPerAccount { get; set; } = 100;

    /// <summary>The password lockout.</summary>
    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>
    /// How long a personal email's confirmation link stays valid (5 minutes to 1 day; default 30 minutes).
    /// </summary>
    public TimeSpan PersonalEmailTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>One-time SMS codes.</summary>
    public SmsCodeOptions SmsCodes { get; set; } = new();
}
