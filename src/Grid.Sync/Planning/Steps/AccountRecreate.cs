using System.Collections.Immutable;
using Grid.Abstractions.Directory;
using Grid.Sync.Mapping;
using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>
/// The member's userid changed and userid changes recreate accounts: delete <paramref name="PreviousAccountId"/>,
/// then create <see cref="MemberStep.AccountId"/>. One step, in this order, because the new account usually carries
/// the old one's unique values (mobile, e-mail) and could not be created beside it.
/// </summary>
/// <param name="UserId">The new userid.</param>
/// <param name="PreviousUserId">The old userid.</param>
/// <param name="PreviousAccountId">The account to delete.</param>
/// <param name="AccountId">The id allocated for the new account.</param>
/// <param name="Fields">The mapped account fields.</param>
/// <param name="OrganizationIds">The account's organizations (sorted).</param>
/// <param name="Status">The account status.</param>
/// <param name="Result">The mapped entry to record under the new userid.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.account-recreate")]
public sealed record AccountRecreate(
    string UserId,
    string PreviousUserId,
    [property: Id(0)] string PreviousAccountId,
    string AccountId,
    [property: Id(1)] FieldValues Fields,
    [property: Id(2)] ImmutableArray<string> OrganizationIds,
    [property: Id(3)] AccountStatus Status,
    MappedMember Result) : MemberStep(UserId, AccountId)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.AccountRecreate;

    /// <inheritdoc/>
    public override string Id => $"account-recreate:{UserId}";

    /// <inheritdoc/>
    [Id(4)]
    public override string PreviousUserId { get; } = PreviousUserId;

    /// <inheritdoc/>
    [Id(5)]
    public override MappedMember Result { get; } = Result;
}
