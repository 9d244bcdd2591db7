using System.Collections.Immutable;
using Orleans.Serialization;

namespace Grid.Grains.Sync;

public sealed class SyncRunChunkGrain(
    [PersistentState("sync-chunk", "grid")] IPersistentState<SyncRunChunkState> state,
    DeepCopier<SyncRunChunkState> copier) : Grain, ISyncRunChunkGrain
{
    public async Task Store(ImmutableArray<SyncStepRecord> steps)
    {
        await state.WriteOrRevertAsync(new SyncRunChunkState { Steps = [.. steps] });
    }

    public Task<ImmutableArray<SyncStepRecord>> Get() => Task.FromResult(state.State.Steps.ToImmutableArray());

    public async Task RecordOutcomes(ImmutableArray<SyncStepResult> results)
    {
        var next = copier.Copy(state.State);
        var steps = next.Steps;
        if (steps.Count == 0)
        {
            return;
        }

        var first = steps[0].View.Index;
        var changed = false;
        foreach (var result in results)
        {
            var position = result.Index - first;
            if (position < 0 || position >= steps.Count)
            {
                throw new ArgumentException($"Step {result.Index} is not in this chunk.", nameof(results));
            }

            var step = steps[(int)position];
            var view = step.View with { Outcome = result.Outcome, Target = result.Target, Error = result.Error };
            if (!view.Equals(step.View))
            {
                steps[(int)position] = step with { View = view };
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteOrRevertAsync(next);
        }
    }

    public async Task Clear()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
