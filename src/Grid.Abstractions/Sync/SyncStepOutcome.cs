namespace Grid.Abstractions.Sync;

/// <summary>The outcome of one plan step. The numbers match <c>grid.v1.StepOutcome</c>.</summary>
[GenerateSerializer]
[Alias("grid.sync-step-outcome")]
public enum SyncStepOutcome
{
    /// <summary>Planned, not applied (dry run, Protected run, or not reached yet).</summary>
    Pending = 1,

    /// <summary>Applied.</summary>
    Applied = 2,

    /// <summary>Failed; see <see cref="SyncRunStep.Error"/>.</summary>
    Failed = 3,

    /// <summary>Not applied because the run was cancelled (or a step it depends on failed).</summary>
    Skipped = 4,

    /// <summary>
    /// Not applied because the member or department was observed newer since the run's fetch began (a change callback
    /// applied meanwhile): the newer observation wins.
    /// </summary>
    Superseded = 5,
}
