using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

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

    [Id(3)]
    public SyncHash? SourceHash { get; set; }

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

    /// <summary>A userid change reported by WeCom and not yet applied by a sync.</summary>
    [Id(10)]
    public string? RenamedTo { get; set; }
}
