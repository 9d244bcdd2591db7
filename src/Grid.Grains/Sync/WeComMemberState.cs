using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

/// <summary>
/// What only the member grain holds: the link to the account it applies steps to, the member as last seen (for
/// views), consent, the userid history, and when what it applied was observed (so that an older observation never reverts
/// a newer one). What was last applied (hashes, organizations, status, a pending userid
/// change) is the roster's (<see cref="SyncRoster"/>), the one store the full run and the incremental path plan from
/// and record to. Ids 3 (source hash) and 10 (pending userid change) held those here before: never reuse them.
/// </summary>
[GenerateSerializer]
[Alias("grid.wecom-member-state")]
public sealed class WeComMemberState
{
    /// <summary>The userid as WeCom spells it (the grain key is lower-cased).</summary>
    [Id(0)]
    public string? UserId { get; set; }

    [Id(1)]
    public string? AccountId { get; set; }

    [Id(2)]
    public WeComMemberRecord? Member { get; set; }

    [Id(4)]
    public DateTimeOffset? LastSyncedAt { get; set; }

    [Id(5)]
    public string? LastRunId { get; set; }

    /// <summary>Sensitive fields the member consented to share (auth/getuserdetail), by name.</summary>
    [Id(6)]
    public Dictionary<string, string> ConsentedFields { get; set; } = new(StringComparer.Ordinal);

    [Id(7)]
    public DateTimeOffset? ConsentGivenAt { get; set; }

    [Id(8)]
    public DateTimeOffset? ConsentExpiresAt { get; set; }

    /// <summary>Earlier userids, oldest first (bounded).</summary>
    [Id(9)]
    public List<string> PreviousUserIds { get; set; } = [];

    /// <summary>When the member as last applied was observed in WeCom: an older observation is superseded.</summary>
    [Id(11)]
    public DateTimeOffset? ObservedAt { get; set; }
}
