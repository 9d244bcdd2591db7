namespace Grid.Sync.Planning;

/// <summary>A snapshot or mapped state that must not be planned (incomplete, duplicated ids, a department cycle).</summary>
public sealed class SyncPlanningException : Exception
{
    /// <summary>Creates the error.</summary>
    public SyncPlanningException(string message)
        : base(message)
    {
    }
}
