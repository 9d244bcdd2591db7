using Grid.Abstractions;
using Grid.Abstractions.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Tenants;

/// <summary>
/// The tenant's audit trail. Entries quote values from requests and from WeCom (names, ids, reasons); they are kept
/// with control characters escaped and each field bounded, so that no value can forge an entry or a line of its own
/// wherever the trail is shown.
/// </summary>
public sealed class AuditLogGrain(
    [PersistentState("audit-log", "grid")] IPersistentState<TenantLogState> state,
    IOptions<TenantLogOptions> options,
    TimeProvider time,
    ILogger<AuditLogGrain> logger)
    : TenantLogGrain<AuditEntry>(state, options, time, logger), IAuditLogGrain
{
    private const int MaxIdLength = 256;
    private const int MaxSummaryLength = 2048;

    protected override AuditEntry Accept(AuditEntry entry) => entry with
    {
        Actor = SafeText.Escape(entry.Actor, MaxIdLength),
        Action = SafeText.Escape(entry.Action, MaxIdLength),
        Target = SafeText.Escape(entry.Target, MaxIdLength),
        Summary = SafeText.Escape(entry.Summary, MaxSummaryLength),
    };

    protected override ILogSegmentGrain<AuditEntry> Segment(long number) =>
        GrainFactory.GetGrain<IAuditLogSegmentGrain>(SegmentKey(number));
}
