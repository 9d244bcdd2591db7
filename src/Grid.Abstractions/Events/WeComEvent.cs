namespace Grid.Abstractions.Events;

/// <summary>
/// One WeCom change callback as the inbox keeps it. Only what applying needs is kept (the kind and the ids), never
/// the member's other fields: applying fetches the member or department fresh from WeCom.
/// </summary>
/// <param name="Id">The journal's sequence number: unique per cluster, increasing in the order of arrival.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The connector the callback arrived for.</param>
/// <param name="ChangeType">WeCom's ChangeType (<c>create_user</c>, <c>update_party</c>, ...), or for an event Grid
/// does not act on, <c>MsgType/Event/ChangeType</c>.</param>
/// <param name="UserId">The member's userid (before a userid change) for member events.</param>
/// <param name="NewUserId">The new userid of a userid change.</param>
/// <param name="DepartmentId">The department id for department events.</param>
/// <param name="ParentId">The new parent of a department, when WeCom sent it.</param>
/// <param name="CorpId">The corp id the callback was addressed to (ToUserName).</param>
/// <param name="CreateTime">When WeCom created the event (second precision).</param>
/// <param name="ReceivedAt">When the receiver took it.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Attempts">How many times applying it was tried.</param>
/// <param name="NextAttemptAt">When a failed event is tried again.</param>
/// <param name="Error">Why the last attempt failed (a failed or parked event).</param>
/// <param name="FinishedAt">When it was applied, ignored, held or parked; for an approved or discarded event, when the
/// administrator decided.</param>
/// <param name="DecidedBy">Who approved or discarded it (the caller's client id), for an approved or discarded event.</param>
[GenerateSerializer, Immutable]
[Alias("grid.wecom-event")]
public sealed record WeComEvent(
    long Id,
    string TenantId,
    string ConnectorId,
    string ChangeType,
    string? UserId,
    string? NewUserId,
    long? DepartmentId,
    long? ParentId,
    string CorpId,
    DateTimeOffset CreateTime,
    DateTimeOffset ReceivedAt,
    WeComEventStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? Error,
    DateTimeOffset? FinishedAt,
    string? DecidedBy = null)
{
    /// <summary>Whether the inbox still has to apply it (durable or failed, not parked).</summary>
    public bool IsUnfinished => Status is WeComEventStatus.Durable or WeComEventStatus.Failed;
}
