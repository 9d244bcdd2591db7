namespace Grid.Grains.Sync;

/// <summary>
/// What only the member grain holds: consent, the userid history, and the departure of a member the roster no longer
/// lists (deleted, or handed over to a new userid), so that its view still says when and by which run it left and an
/// older observation does not bring it back. Written only when one of those changes: a first sync of a member writes
/// nothing here. What was last applied (account link, hashes, organizations, status, a pending userid change, the run
/// and the observation time) is the roster's (<see cref="SyncRoster"/>), the one store the full run and the incremental
/// path plan from and record to. Retired ids, never to be reused: 1 (account id) and 2 (member as last seen) since the
/// roster holds the link; 3 (source hash) and 10 (pending userid change); 4 (when last synced: the observation time).
/// </summary>
[GenerateSerializer]
[Alias("grid.wecom-member-state")]
public sealed class WeComMemberState
{
    /// <summary>The userid as WeCom spells it (the grain key is lower-cased); null until something was written.</summary>
    [Id(0)]
    public string? UserId { get; set; }

    /// <summary>The run (or <c>event:{id}</c> of a change callback) that deleted or handed over the member.</summary>
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

    /// <summary>
    /// When the departure was observed in WeCom: newer than the roster's entry, the member is not linked (the roster
    /// entry is what the departure has not removed yet). State written by earlier versions holds here the observation of
    /// the last step they applied, which equals their roster entry's, so the entry wins.
    /// </summary>
    [Id(11)]
    public DateTimeOffset? ObservedAt { get; set; }
}
