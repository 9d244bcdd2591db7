namespace Grid.Grains.Sync;

/// <summary>Applies one step of a plan where it belongs (the member or department grain).</summary>
internal interface IStepApplier
{
    /// <summary>The account or organization the step leaves linked (null after a delete); throws when the step fails.</summary>
    Task<string?> ApplyAsync(SyncStepRecord step, SyncStepContext context);
}
