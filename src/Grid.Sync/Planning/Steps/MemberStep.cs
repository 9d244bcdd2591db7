using Grid.Sync.State;

namespace Grid.Sync.Planning.Steps;

/// <summary>
/// A step about one member. Once it succeeds: remove <see cref="PreviousUserId"/> (a userid change) from the mapped
/// state, then record <see cref="Result"/> under <see cref="UserId"/> (replacing an entry whose key differs only in
/// case), or remove <see cref="UserId"/> when it is null (a delete).
/// </summary>
/// <param name="UserId">The member's WeCom userid as the snapshot spells it (for deletes, as the mapped state does).</param>
/// <param name="AccountId">The account the step writes (allocated by the plan for creates).</param>
[GenerateSerializer, Immutable, Alias("grid.sync.member-step")]
public abstract record MemberStep([property: Id(0)] string UserId, [property: Id(1)] string AccountId) : SyncStep
{
    /// <summary>The old userid when the userid changed, else null.</summary>
    public abstract string? PreviousUserId { get; }

    /// <summary>The mapped entry after the step, or null when the member leaves the mapped state.</summary>
    public abstract MappedMember? Result { get; }
}
