namespace Grid.Grains.Sessions;

[GenerateSerializer, Alias("grid.password-sign-in-state")]
public sealed class PasswordSignInState
{
    /// <summary>When the recent failures happened, oldest first (at most <see cref="LockoutOptions.MaxFailures"/>).</summary>
    [Id(0)]
    public List<DateTimeOffset> Failures { get; set; } = [];

    /// <summary>Until when password sign-in is locked, if it is.</summary>
    [Id(1)]
    public DateTimeOffset? LockedUntil { get; set; }
}
