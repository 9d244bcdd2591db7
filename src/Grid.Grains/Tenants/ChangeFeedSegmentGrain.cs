using Grid.Abstractions.Directory;

namespace Grid.Grains.Tenants;

public sealed class ChangeFeedSegmentGrain(
    [PersistentState("change-feed-segment", "grid")] IPersistentState<LogSegmentState<ChangeEntry>> state)
    : LogSegmentGrain<ChangeEntry>(state), IChangeFeedSegmentGrain;
