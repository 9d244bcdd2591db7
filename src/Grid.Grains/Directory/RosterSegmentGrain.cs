using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions;

namespace Grid.Grains.Directory;

// Called when its bucket activates or changes it; the bucket keeps the items in memory meanwhile.
[CollectionAgeLimit(Minutes = 2)]
public sealed class RosterSegmentGrain([PersistentState("roster-segment", "grid")] IPersistentState<RosterSegmentState> state)
    : Grain, IRosterSegmentGrain
{
    public Task<RosterSegment> Read() => Task.FromResult(new RosterSegment([.. state.State.Items], state.State.Version));

    public async Task<long> Store(long expectedVersion, ImmutableArray<string> items)
    {
        if (state.State.Version != expectedVersion)
        {
            throw GridException.Conflict(string.Create(
                CultureInfo.InvariantCulture,
                $"roster segment {this.GetPrimaryKeyString()} is at version {state.State.Version}, not {expectedVersion}"));
        }

        await state.WriteOrRevertAsync(new RosterSegmentState { Items = [.. items.Order(StringComparer.Ordinal)], Version = expectedVersion + 1 });
        return state.State.Version;
    }
}
