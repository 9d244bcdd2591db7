using System.Collections.Immutable;

namespace Grid.Abstractions.Sync;

/// <summary>What a held change would delete.</summary>
[GenerateSerializer]
[Alias("grid.held-change-kind")]
public enum HeldChangeKind
{
    /// <summary>A member's account (the member is gone, out of scope, or left with deletes configured).</summary>
    AccountDelete = 1,

    /// <summary>A department's organization.</summary>
    OrganizationDelete = 2,
}

/// <summary>
/// A delete from a change callback held by the connector's delete budget, kept until an administrator approves it
/// (it is then planned again from WeCom as it is, and applied) or discards it (nothing is deleted).
/// </summary>
/// <param name="Id">The held change's id (<c>h_…</c>).</param>
/// <param name="EventId">The event inbox's id of the callback that led to it.</param>
/// <param name="Kind">What it deletes.</param>
/// <param name="UserId">The member, for an account delete.</param>
/// <param name="DepartmentId">The department, for an organization delete.</param>
/// <param name="TargetId">The account or organization it deletes.</param>
/// <param name="Description">What the planned step says, e.g. why the account is deleted.</param>
/// <param name="HeldAt">When it was held.</param>
[GenerateSerializer, Immutable]
[Alias("grid.held-change")]
public sealed record HeldChange(
    [property: Id(0)] string Id,
    [property: Id(1)] string EventId,
    [property: Id(2)] HeldChangeKind Kind,
    [property: Id(3)] string? UserId,
    [property: Id(4)] long? DepartmentId,
    [property: Id(5)] string TargetId,
    [property: Id(6)] string Description,
    [property: Id(7)] DateTimeOffset HeldAt)
{
    /// <summary>The member or department it is about: one held change per key.</summary>
    public string Key => UserId is { } userId ? "user:" + userId.ToLowerInvariant() : "department:" + DepartmentId;
}

/// <summary>One page of held changes, oldest first.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.held-change-page")]
public sealed record HeldChangePage(
    [property: Id(0)] ImmutableArray<HeldChange> Items,
    [property: Id(1)] string? NextPageToken,
    [property: Id(2)] int Total);

/// <summary>What an approve or discard did.</summary>
/// <param name="Applied">Held changes approved and applied (or discarded).</param>
/// <param name="NotFound">Requested ids not held (already approved or discarded, or never held).</param>
[GenerateSerializer, Immutable]
[Alias("grid.held-change-result")]
public sealed record HeldChangeResult([property: Id(0)] int Applied, [property: Id(1)] ImmutableArray<string> NotFound);
