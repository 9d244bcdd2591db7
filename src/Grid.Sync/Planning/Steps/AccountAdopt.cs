using System.Collections.Immutable;
using Grid.Abstractions.Directory;
using Grid.Sync.Mapping;
using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>Link the existing, unlinked account <see cref="MemberStep.AccountId"/> to a new member and apply the mapping.</summary>
/// <param name="UserId">The new member's userid.</param>
/// <param name="AccountId">The adopted account.</param>
/// <param name="MatchValue">The member-side value the match rule found the account by.</param>
/// <param name="Fields">The mapped account fields.</param>
/// <param name="OrganizationIds">The account's organizations (sorted).</param>
/// <param name="Status">The account status.</param>
/// <param name="Result">The mapped entry to record.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.account-adopt")]
public sealed record AccountAdopt(
    string UserId,
    string AccountId,
    [property: Id(0)] string MatchValue,
    [property: Id(1)] FieldValues Fields,
    [property: Id(2)] ImmutableArray<string> OrganizationIds,
    [property: Id(3)] AccountStatus Status,
    MappedMember Result) : MemberStep(UserId, AccountId)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.AccountAdopt;

    /// <inheritdoc/>
    public override string Id => $"account-adopt:{UserId}";

    /// <inheritdoc/>
    public override string? PreviousUserId => null;

    /// <inheritdoc/>
    [Id(4)]
    public override MappedMember Result { get; } = Result;
}
