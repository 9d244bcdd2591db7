using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>Delete the account of a member who is gone, out of scope, or left the company.</summary>
/// <param name="UserId">The userid as the mapped state holds it.</param>
/// <param name="AccountId">The account to delete.</param>
/// <param name="Reason">Why.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.account-delete")]
public sealed record AccountDelete(string UserId, string AccountId, [property: Id(0)] AccountDeleteReason Reason)
    : MemberStep(UserId, AccountId)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.AccountDelete;

    /// <inheritdoc/>
    public override string Id => $"account-delete:{UserId}";

    /// <inheritdoc/>
    public override string? PreviousUserId => null;

    /// <inheritdoc/>
    public override MappedMember? Result => null;
}
