using System.Collections.Immutable;

namespace Grid.Grains.Directory;

// Called when its bucket activates or changes it; the bucket keeps the items in memory meanwhile.
[CollectionAgeLimit(Minutes = 2)]
public sealed class RosterSegmentGrain([PersistentState("roster-segment", "grid")] IPersistentState<RosterSegmentState> state)
    : Grain, IRosterSegmentGrain
{
    public Task<ImmutableArray<string>> Read() => Task.FromResult(state.State.Items.ToImmutableArray());

    public Task Store(ImmutableArray<string> items) =>
        state.WriteOrRevertAsync(new RosterSegmentState { Items = [.. items.Order(StringComparer.Ordinal)] });
}
