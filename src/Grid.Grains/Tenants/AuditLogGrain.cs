using Grid.Abstractions.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Tenants;

public sealed class AuditLogGrain(
    [PersistentState("audit-log", "grid")] IPersistentState<TenantLogState> state,
    IOptions<TenantLogOptions> options,
    TimeProvider time,
    ILogger<AuditLogGrain> logger)
    : TenantLogGrain<AuditEntry>(state, options, time, logger), IAuditLogGrain
{
    protected override ILogSegmentGrain<AuditEntry> Segment(long number) =>
        GrainFactory.GetGrain<IAuditLogSegmentGrain>(SegmentKey(number));
}
