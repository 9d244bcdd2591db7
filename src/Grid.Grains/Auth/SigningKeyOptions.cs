namespace Grid.Grains.Auth;

/// <summary>
/// Rotation of the access-token signing keys. The host derives these from its token settings, so that a new key is
/// published longer than any silo caches the key set before it signs, and a retired key stays published until the
/// tokens it signed have expired.
/// </summary>
public sealed class SigningKeyOptions
{
    /// <summary>How long a key signs before the next one takes over.</summary>
    public TimeSpan RotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a new key is published before it signs (longer than any silo's key cache).</summary>
    public TimeSpan PropagationDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a retired key stays published (longer than a token lives, plus the clock skew).</summary>
    public TimeSpan RetiredKeyRetention { get; set; } = TimeSpan.FromHours(1);
}
