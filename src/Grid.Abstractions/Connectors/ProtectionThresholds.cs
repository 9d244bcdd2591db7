namespace Grid.Abstractions.Connectors;

/// <summary>
/// A sync run whose plan deletes more than these is not applied (it ends Protected for review).
/// </summary>
/// <param name="MaxAccountDeletes">Most accounts one run may delete or disable (0..1,000,000; default 30).</param>
/// <param name="MaxOrganizationDeletes">Most organizations one run may delete (0..1,000,000; default 10).</param>
/// <param name="MaxDeletePercent">Optionally, the most accounts one run may delete as a percentage (1..100) of the
/// accounts the connector manages; both limits apply.</param>
[GenerateSerializer, Immutable]
[Alias("grid.protection-thresholds")]
public sealed record ProtectionThresholds(int MaxAccountDeletes, int MaxOrganizationDeletes, int? MaxDeletePercent = null)
{
    /// <summary>The delete budget's window when none is set: 10 minutes.</summary>
    public static readonly TimeSpan DefaultIncrementalWindow = TimeSpan.FromMinutes(10);

    /// <summary>30 accounts, 10 organizations, no percentage.</summary>
    public static ProtectionThresholds Default { get; } = new(30, 10);

    /// <summary>
    /// The delete budget of change callbacks: most accounts deleted or disabled within <see cref="IncrementalWindow"/>
    /// before further deletes are held (0..1,000,000); null = <see cref="MaxAccountDeletes"/>.
    /// </summary>
    [Id(3)]
    public int? IncrementalMaxAccountDeletes { get; init; }

    /// <summary>Most organizations deleted by change callbacks within the window (0..1,000,000); null = <see cref="MaxOrganizationDeletes"/>.</summary>
    [Id(4)]
    public int? IncrementalMaxOrganizationDeletes { get; init; }

    /// <summary>The delete budget's sliding window (1 minute..1 day); null = <see cref="DefaultIncrementalWindow"/>.</summary>
    [Id(5)]
    public TimeSpan? IncrementalWindow { get; init; }

    /// <summary>The delete budget in effect: the set values, else the run's thresholds per 10 minutes.</summary>
    public DeleteBudget Budget => new(
        IncrementalMaxAccountDeletes ?? MaxAccountDeletes,
        IncrementalMaxOrganizationDeletes ?? MaxOrganizationDeletes,
        IncrementalWindow ?? DefaultIncrementalWindow);
}

/// <summary>The sliding-window delete budget of change callbacks in effect for a connector.</summary>
/// <param name="MaxAccountDeletes">Accounts deleted or disabled within <paramref name="Window"/> before further ones are held.</param>
/// <param name="MaxOrganizationDeletes">Organizations deleted within the window before further ones are held.</param>
/// <param name="Window">The sliding window.</param>
[GenerateSerializer, Immutable]
[Alias("grid.delete-budget")]
public sealed record DeleteBudget(int MaxAccountDeletes, int MaxOrganizationDeletes, TimeSpan Window);
