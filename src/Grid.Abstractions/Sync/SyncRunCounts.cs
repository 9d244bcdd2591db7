namespace Grid.Abstractions.Sync;

/// <summary>
/// Step counts of a run, per kind. Used twice on <see cref="SyncRun"/>: what the plan contains and what has been
/// applied. <see cref="Unchanged"/> counts members and departments that needed no step (and no write).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.sync-run-counts")]
public sealed record SyncRunCounts(
    [property: Id(0)] int OrganizationsCreated,
    [property: Id(1)] int OrganizationsUpdated,
    [property: Id(2)] int OrganizationsDeleted,
    [property: Id(3)] int AccountsCreated,
    [property: Id(4)] int AccountsAdopted,
    [property: Id(5)] int AccountsUpdated,
    [property: Id(6)] int AccountsDeleted,
    [property: Id(7)] int UseridsChanged,
    [property: Id(8)] int Unchanged,
    [property: Id(9)] int Failed)
{
    public static SyncRunCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// Steps not applied because the member or department was observed newer after the run's fetch began (see
    /// <see cref="SyncStepOutcome.Superseded"/>). Not part of <see cref="Steps"/>.
    /// </summary>
    [Id(10)]
    public int Superseded { get; init; }

    /// <summary>Steps counted, excluding <see cref="Unchanged"/> and <see cref="Failed"/>.</summary>
    public int Steps => OrganizationsCreated + OrganizationsUpdated + OrganizationsDeleted + AccountsCreated
        + AccountsAdopted + AccountsUpdated + AccountsDeleted + UseridsChanged;
}
