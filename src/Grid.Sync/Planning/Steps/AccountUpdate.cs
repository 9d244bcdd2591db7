using System.Collections.Immutable;
using Grid.Abstractions.Directory;
using Grid.Sync.Mapping;
using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>
/// Change what changed of an account, in one call: mapped fields, organizations (a move) and/or status. A part
/// that did not change is null.
/// </summary>
/// <param name="UserId">The member's userid.</param>
/// <param name="AccountId">The member's account.</param>
/// <param name="Fields">All mapped account fields when any changed, else null.</param>
/// <param name="OrganizationIds">The new organizations (sorted) when membership changed, else null.</param>
/// <param name="Status">The new status when it changed, else null.</param>
/// <param name="Result">The mapped entry to record.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.account-update")]
public sealed record AccountUpdate(
    string UserId,
    string AccountId,
    [property: Id(0)] FieldValues? Fields,
    [property: Id(1)] ImmutableArray<string>? OrganizationIds,
    [property: Id(2)] AccountStatus? Status,
    MappedMember Result) : MemberStep(UserId, AccountId)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.AccountUpdate;

    /// <inheritdoc/>
    public override string Id => $"account-update:{UserId}";

    /// <inheritdoc/>
    public override string? PreviousUserId => null;

    /// <inheritdoc/>
    [Id(3)]
    public override MappedMember Result { get; } = Result;

    /// <summary>True when mapped fields change.</summary>
    public bool ChangesFields => Fields is not null;

    /// <summary>True when organization membership changes.</summary>
    public bool Moves => OrganizationIds is not null;

    /// <summary>True when the status changes.</summary>
    public bool ChangesStatus => Status is not null;
}
