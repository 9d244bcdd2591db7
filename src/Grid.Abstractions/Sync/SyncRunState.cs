namespace Grid.Abstractions.Sync;

/// <summary>
/// The state of a sync run. The numbers match <c>grid.v1.SyncRunState</c> so that adapters can cast.
/// Pending, Fetching, Planning and Applying are active; the others have ended (Protected waits for approval).
/// </summary>
[GenerateSerializer]
[Alias("grid.sync-run-state")]
public enum SyncRunState
{
    /// <summary>Accepted, not started yet.</summary>
    Pending = 1,

    /// <summary>Fetching WeCom's departments and members.</summary>
    Fetching = 2,

    /// <summary>Computing the plan against the mapped state.</summary>
    Planning = 3,

    /// <summary>Applying the plan.</summary>
    Applying = 4,

    /// <summary>The plan exceeded a protection threshold; it is kept, nothing was applied, and it waits for approval.</summary>
    Protected = 5,

    /// <summary>A dry run's plan is ready; nothing was applied.</summary>
    Planned = 6,

    /// <summary>Every step applied.</summary>
    Succeeded = 7,

    /// <summary>Some steps failed; the others applied (see the plan's outcomes).</summary>
    PartiallySucceeded = 8,

    /// <summary>The run failed (e.g. an incomplete fetch); nothing was deleted.</summary>
    Failed = 9,

    /// <summary>Cancelled by an admin; steps already applied stay applied.</summary>
    Canceled = 10,
}
