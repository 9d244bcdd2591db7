namespace Grid.Abstractions.Sync;

/// <summary>What started a sync run. The numbers match <c>grid.v1.SyncTrigger</c>.</summary>
[GenerateSerializer]
[Alias("grid.sync-trigger")]
public enum SyncTrigger
{
    /// <summary>An admin (StartSync).</summary>
    Manual = 1,

    /// <summary>The connector's schedule.</summary>
    Scheduled = 2,

    /// <summary>A configuration change.</summary>
    Configuration = 3,
}
