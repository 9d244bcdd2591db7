using System.Collections.Immutable;

namespace Grid.Abstractions.Sync;

/// <summary>
/// What Grid knows of one WeCom member of a connector. Id 2 (the member as last seen) is retired: the member's fields
/// are the account's; never reuse it.
/// </summary>
/// <param name="UserId">The userid (as WeCom spells it).</param>
/// <param name="AccountId">The linked account; null when none (never synced, or deleted).</param>
/// <param name="SourceHash">The hash of the member as the last sync applied it; null when none is applied.</param>
/// <param name="LastSyncedAt">
/// When what a sync last applied to this member (or its deletion) was observed in WeCom: a run's fetch start, or when a
/// change callback fetched it.
/// </param>
/// <param name="LastRunId">The run (<c>event:{id}</c> for a change callback) that last applied a change to this member.</param>
/// <param name="ConsentedFields">Sensitive fields the member consented to share (e.g. mobile, email), by name.</param>
/// <param name="ConsentExpiresAt">When that consent expires (30 days after it was given); null without consent.</param>
/// <param name="PreviousUserIds">Earlier userids of this member, oldest first.</param>
/// <param name="RenamedTo">The new userid, when WeCom reported that this userid changed and no sync has applied it yet.</param>
[GenerateSerializer, Immutable, Alias("grid.wecom-member-view")]
public sealed record WeComMemberView(
    [property: Id(0)] string UserId,
    [property: Id(1)] string? AccountId,
    [property: Id(3)] SyncHash? SourceHash,
    [property: Id(4)] DateTimeOffset? LastSyncedAt,
    [property: Id(5)] string? LastRunId,
    [property: Id(6)] ImmutableSortedDictionary<string, string> ConsentedFields,
    [property: Id(7)] DateTimeOffset? ConsentExpiresAt,
    [property: Id(8)] ImmutableArray<string> PreviousUserIds,
    [property: Id(9)] string? RenamedTo);
