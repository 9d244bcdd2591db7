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
    /// <summary>30 accounts, 10 organizations, no percentage.</summary>
    public static ProtectionThresholds Default { get; } = new(30, 10);
}
