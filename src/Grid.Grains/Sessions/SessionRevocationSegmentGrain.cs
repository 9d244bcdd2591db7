using Grid.Abstractions.Sessions;

namespace Grid.Grains.Sessions;

public sealed class SessionRevocationSegmentGrain(
    [PersistentState("session-revocation-segment", "grid")] IPersistentState<SessionRevocationSegmentState> state)
    : Grain, ISessionRevocationSegmentGrain
{
    public async Task<int> Append(RevokedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        await state.WriteOrRevertAsync(new SessionRevocationSegmentState { Sessions = [.. state.State.Sessions, session] });
        return state.State.Sessions.Count;
    }

    public Task<IReadOnlyList<RevokedSession>> Read() => Task.FromResult<IReadOnlyList<RevokedSession>>([.. state.State.Sessions]);

    public async Task Clear()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }
}
