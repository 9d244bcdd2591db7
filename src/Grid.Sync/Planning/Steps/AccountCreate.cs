using System.Collections.Immutable;
using Grid.Abstractions.Directory;
using Grid.Sync.Mapping;
using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>Create account <see cref="MemberStep.AccountId"/> (allocated by the plan) linked to the member.</summary>
/// <param name="UserId">The new member's userid.</param>
/// <param name="AccountId">The id allocated for the account.</param>
/// <param name="Fields">The mapped account fields.</param>
/// <param name="OrganizationIds">The account's organizations (sorted).</param>
/// <param name="Status">The account status.</param>
/// <param name="Result">The mapped entry to record.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.account-create")]
public sealed record AccountCreate(
    string UserId,
    string AccountId,
    [property: Id(0)] FieldValues Fields,
    [property: Id(1)] ImmutableArray<string> OrganizationIds,
    [property: Id(2)] AccountStatus Status,
    MappedMember Result) : MemberStep(UserId, AccountId)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.AccountCreate;

    /// <inheritdoc/>
    public override string Id => $"account-create:{UserId}";

    /// <inheritdoc/>
    public override string? PreviousUserId => null;

    /// <inheritdoc/>
    [Id(3)]
    public override MappedMember Result { get; } = Result;
}
