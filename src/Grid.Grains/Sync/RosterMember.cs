using System.Collections.Immutable;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

/// <summary>
/// What the last sync applied for one member (the planner's mapped member), as a roster bucket keeps it: also the
/// member grain's account link and the source of its view.
/// </summary>
/// <param name="UserId">The userid as WeCom spells it.</param>
/// <param name="AccountId">The linked account.</param>
/// <param name="SourceHash">Hash of the member as last seen.</param>
/// <param name="FieldsHash">Hash of the account field values last applied.</param>
/// <param name="OrganizationIds">The account's organizations, sorted ordinally.</param>
/// <param name="Status">The account status applied.</param>
/// <param name="RenamedTo">A userid change reported by WeCom and not applied yet.</param>
[GenerateSerializer, Immutable, Alias("grid.sync-roster-member")]
public sealed record RosterMember(
    [property: Id(0)] string UserId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] SyncHash SourceHash,
    [property: Id(3)] SyncHash FieldsHash,
    [property: Id(4)] ImmutableArray<string> OrganizationIds,
    [property: Id(5)] AccountStatus Status,
    [property: Id(6)] string? RenamedTo)
{
    /// <summary>When what this entry records was observed in WeCom (null: recorded by an earlier version).</summary>
    [Id(7)]
    public DateTimeOffset? ObservedAt { get; init; }

    /// <summary>The run (or <c>event:{id}</c> of a change callback) that applied it (null: recorded by an earlier version).</summary>
    [Id(8)]
    public string? RunId { get; init; }

    /// <summary>Value equality, with the organizations compared by content (ImmutableArray compares references).</summary>
    public bool Equals(RosterMember? other) =>
        other is not null
        && string.Equals(UserId, other.UserId, StringComparison.Ordinal)
        && string.Equals(AccountId, other.AccountId, StringComparison.Ordinal)
        && SourceHash == other.SourceHash
        && FieldsHash == other.FieldsHash
        && OrganizationIds.AsSpan().SequenceEqual(other.OrganizationIds.AsSpan())
        && Status == other.Status
        && string.Equals(RenamedTo, other.RenamedTo, StringComparison.Ordinal)
        && ObservedAt == other.ObservedAt
        && string.Equals(RunId, other.RunId, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(UserId, AccountId, SourceHash);
}
