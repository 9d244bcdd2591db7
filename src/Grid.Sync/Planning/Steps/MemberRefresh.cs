using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>
/// The member changed only in fields that map to nothing (e.g. direct leaders): no account write, only the new
/// source hash to record.
/// </summary>
/// <param name="UserId">The member's userid.</param>
/// <param name="AccountId">The member's account.</param>
/// <param name="Result">The mapped entry to record.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("grid.sync.member-refresh")]
public sealed record MemberRefresh(string UserId, string AccountId, MappedMember Result) : MemberStep(UserId, AccountId)
{
    /// <inheritdoc/>
    public override SyncStepKind Kind => SyncStepKind.MemberRefresh;

    /// <inheritdoc/>
    public override string Id => $"member-refresh:{UserId}";

    /// <inheritdoc/>
    public override string? PreviousUserId => null;

    /// <inheritdoc/>
    [Id(0)]
    public override MappedMember Result { get; } = Result;
}
