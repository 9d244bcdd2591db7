namespace Grid.Grains.Sync;

/// <summary>Applies one step of a plan where it belongs (the member or department grain).</summary>
internal interface IStepApplier
{
    /// <summary>The account or organization the step leaves linked, or that it was superseded; throws when the step fails.</summary>
    Task<SyncStepApplied> ApplyAsync(SyncStepRecord step, SyncStepContext context);
}
