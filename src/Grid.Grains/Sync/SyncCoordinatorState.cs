using Grid.Abstractions.Tenants;

namespace Grid.Grains.Sync;

[GenerateSerializer]
[Alias("grid.sync-coordinator-state")]
public sealed class SyncCoordinatorState
{
    /// <summary>The retained runs, oldest first (bounded by <see cref="SyncOptions.RunHistory"/>).</summary>
    [Id(0)]
    public List<SyncRunRecord> Runs { get; set; } = [];

    /// <summary>Runs started so far; numbers run ids.</summary>
    [Id(1)]
    public long Sequence { get; set; }

    /// <summary>Audit entries of admin actions (start, approve, cancel), appended to the audit log after the write.</summary>
    [Id(2)]
    public List<AuditEntry> PendingAudit { get; set; } = [];
}
