namespace Grid.Grains;

/// <summary>Writes that never leave an activation believing what storage does not hold.</summary>
internal static class PersistentStateExtensions
{
    /// <summary>
    /// Makes <paramref name="next"/> the state and stores it; when the write fails the state is again what storage
    /// has, so that a retry finds the work still to do and a later activation reads what this one saw.
    /// </summary>
    public static async Task WriteOrRevertAsync<TState>(this IPersistentState<TState> state, TState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
