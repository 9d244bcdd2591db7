using Grid.Abstractions.Directory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Tenants;

public sealed class ChangeFeedGrain(
    [PersistentState("change-feed", "grid")] IPersistentState<TenantLogState> state,
    IOptions<TenantLogOptions> options,
    TimeProvider time,
    ILogger<ChangeFeedGrain> logger)
    : TenantLogGrain<ChangeEntry>(state, options, time, logger), IChangeFeedGrain
{
    protected override ILogSegmentGrain<ChangeEntry> Segment(long number) =>
        GrainFactory.GetGrain<IChangeFeedSegmentGrain>(SegmentKey(number));
}
