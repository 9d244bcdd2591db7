using System.Collections.Immutable;
using Grid.Abstractions.Directory;
using Grid.Sync.Mapping;
using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>
/// The member's userid changed from <see cref="MemberStep.PreviousUserId"/> to <see cref="MemberStep.UserId"/>: keep
/// the account, change its WeCom userid (external id), and apply the whole mapping.
/// </summary>
/// <param name="UserId">The new userid.</param>
/// <param name="PreviousUserId">The old userid.</param>
/// <param name="AccountId">The account, unchanged.</param>
/// <param name="Fields">The mapped account fields.</param>
/// <param name="OrganizationIds">The account's organizations (sorted).</param>
/// <param name="Status">The account status.</param>
/// <param name="Result">The mapped entry to record under the new userid.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.account-rebind")]
public sealed record AccountRebind(
    string UserId,
    string PreviousUserId,
    string AccountId,
    [property: Id(0)] FieldValues Fields,
    [property: Id(1)] ImmutableArray<string> OrganizationIds,
    [property: Id(2)] AccountStatus Status,
    MappedMember Result) : MemberStep(UserId, AccountId)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.AccountRebind;

    /// <inheritdoc/>
    public override string Id => $"account-rebind:{UserId}";

    /// <inheritdoc/>
    [Id(3)]
    public override string PreviousUserId { get; } = PreviousUserId;

    /// <inheritdoc/>
    [Id(4)]
    public override MappedMember Result { get; } = Result;
}
