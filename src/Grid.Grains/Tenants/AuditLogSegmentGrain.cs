using Grid.Abstractions.Tenants;

namespace Grid.Grains.Tenants;

public sealed class AuditLogSegmentGrain(
    [PersistentState("audit-log-segment", "grid")] IPersistentState<LogSegmentState<AuditEntry>> state)
    : LogSegmentGrain<AuditEntry>(state), IAuditLogSegmentGrain;
