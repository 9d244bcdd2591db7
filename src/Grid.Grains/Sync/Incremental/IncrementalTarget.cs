using Grid.WeCom.Events;

namespace Grid.Grains.Sync.Incremental;

/// <summary>
/// What one contact change is about: a member (with the new userid of a userid change) or a department, and whether
/// WeCom said it is gone (then it is not fetched).
/// </summary>
internal sealed record IncrementalTarget(string? UserId, string? NewUserId, long? DepartmentId, bool Deleted)
{
    public static IncrementalTarget Member(string userId, string? newUserId = null, bool deleted = false) =>
        new(userId, string.IsNullOrWhiteSpace(newUserId) || string.Equals(newUserId, userId, StringComparison.OrdinalIgnoreCase) ? null : newUserId, null, deleted);

    public static IncrementalTarget Department(long id, bool deleted = false) => new(null, null, id, deleted);

    /// <summary>The target of a parsed change, or null for a change the sync does not act on.</summary>
    public static IncrementalTarget? Of(ContactChange change) => change switch
    {
        MemberCreated created => Member(created.UserId),
        MemberUpdated updated => Member(updated.UserId, updated.NewUserId),
        MemberDeleted deleted => Member(deleted.UserId, deleted: true),
        DepartmentCreated created => Department(created.Id),
        DepartmentUpdated updated => Department(updated.Id),
        DepartmentDeleted deleted => Department(deleted.Id, deleted: true),
        _ => null,
    };

    /// <summary>The userid the member has in WeCom now (the new one after a userid change).</summary>
    public string? CurrentUserId => NewUserId ?? UserId;

    public override string ToString() => UserId is { } userId
        ? NewUserId is { } next ? $"member {userId} → {next}" : $"member {userId}"
        : $"department {DepartmentId}";
}
