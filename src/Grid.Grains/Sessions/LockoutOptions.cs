namespace Grid.Grains.Sessions;

/// <summary>
/// When repeated password failures lock an account's password sign-in. Section <c>Grid:Sessions:Lockout</c>.
/// Defaults: 5 failures within 15 minutes lock it for 15 minutes.
/// </summary>
public sealed class LockoutOptions
{
    /// <summary>Failures within <see cref="Window"/> that lock the account (1-100).</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How far back failures count (1 minute to 1 day).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a lockout lasts (1 minute to 1 day).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
