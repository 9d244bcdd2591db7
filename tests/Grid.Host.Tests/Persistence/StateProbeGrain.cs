namespace Grid.Host.Tests.Persistence;

/// <summary>The behaviour shared by the test grains; each subclass picks its key kind, state name and storage.</summary>
public abstract class StateProbeGrain(IPersistentState<ProbeState> state) : Grain, IStateProbe
{
    public async Task<ProbeSnapshot> Write(string text, int number)
    {
        state.State.Text = text;
        state.State.Number = number;
        state.State.History.Add(text);
        await state.WriteStateAsync();
        return Snapshot();
    }

    public Task<ProbeSnapshot> Read() => Task.FromResult(Snapshot());

    public async Task<ProbeSnapshot> Clear()
    {
        await state.ClearStateAsync();
        return Snapshot();
    }

    private ProbeSnapshot Snapshot() =>
        new(state.State.Text, state.State.Number, [.. state.State.History], state.RecordExists, state.Etag);
}
