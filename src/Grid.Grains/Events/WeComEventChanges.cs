using Grid.Abstractions.Events;
using Grid.WeCom.Events;

namespace Grid.Grains.Events;

/// <summary>
/// What the journal keeps of a parsed change and the change the applier gets back from it: the kind and the ids only.
/// Member fields are dropped on purpose (personal data, and since 2022-08-15 WeCom sends few of them anyway): the
/// applier fetches the member or department fresh.
/// </summary>
public static class WeComEventChanges
{
    public const string CreateUser = "create_user";
    public const string UpdateUser = "update_user";
    public const string DeleteUser = "delete_user";
    public const string CreateParty = "create_party";
    public const string UpdateParty = "update_party";
    public const string DeleteParty = "delete_party";

    /// <summary>A parsed change as a journal entry (status durable, or ignored for kinds Grid does not act on).</summary>
    public static NewWeComEvent ToJournalEntry(
        ContactChange change, string tenantId, string connectorId, string dedupeKey, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(change);
        NewWeComEvent Entry(string type, string? userId = null, string? newUserId = null, long? departmentId = null, long? parentId = null) =>
            new(tenantId, connectorId, dedupeKey, type, userId, newUserId, departmentId, parentId, change.ToUserName,
                change.CreateTime, receivedAt, WeComEventStatus.Durable);

        return change switch
        {
            MemberCreated created => Entry(CreateUser, created.UserId),
            MemberUpdated updated => Entry(UpdateUser, updated.UserId, updated.NewUserId),
            MemberDeleted deleted => Entry(DeleteUser, deleted.UserId),
            DepartmentCreated created => Entry(CreateParty, departmentId: created.Id, parentId: created.ParentId),
            DepartmentUpdated updated => Entry(UpdateParty, departmentId: updated.Id, parentId: updated.ParentId),
            DepartmentDeleted deleted => Entry(DeleteParty, departmentId: deleted.Id),
            IgnoredEvent ignored => Entry($"{ignored.MsgType}/{ignored.Event}/{ignored.ChangeType}") with
            {
                Status = WeComEventStatus.Ignored,
            },
            _ => throw new ArgumentException($"Unknown change {change.GetType().Name}.", nameof(change)),
        };
    }

    /// <summary>The change to apply for a stored event (member fields absent: "fetch fresh").</summary>
    public static ContactChange ToContactChange(WeComEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.ChangeType switch
        {
            CreateUser => new MemberCreated(e.CorpId, e.CreateTime, Required(e.UserId), new MemberFields()),
            UpdateUser => new MemberUpdated(e.CorpId, e.CreateTime, Required(e.UserId), e.NewUserId, new MemberFields()),
            DeleteUser => new MemberDeleted(e.CorpId, e.CreateTime, Required(e.UserId)),
            CreateParty => new DepartmentCreated(e.CorpId, e.CreateTime, Required(e.DepartmentId), null, e.ParentId, null),
            UpdateParty => new DepartmentUpdated(e.CorpId, e.CreateTime, Required(e.DepartmentId), null, e.ParentId),
            DeleteParty => new DepartmentDeleted(e.CorpId, e.CreateTime, Required(e.DepartmentId)),
            _ => throw new InvalidOperationException($"Event {e.Id} ({e.ChangeType}) is not a change Grid applies."),
        };
    }

    /// <summary>
    /// The keys an event is ordered by: the member's userid (both, for a userid change) or the department id. Events
    /// of one key apply one after another in journal order.
    /// </summary>
    public static IEnumerable<string> OrderKeys(WeComEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.UserId is not null)
        {
            yield return "u:" + e.UserId.ToLowerInvariant();
        }

        if (e.NewUserId is not null)
        {
            yield return "u:" + e.NewUserId.ToLowerInvariant();
        }

        if (e.DepartmentId is { } departmentId)
        {
            yield return "d:" + departmentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static T Required<T>(T? value)
        where T : class => value ?? throw new InvalidOperationException("The stored event lacks its id.");

    private static long Required(long? value) => value ?? throw new InvalidOperationException("The stored event lacks its id.");
}
