namespace Grid.WeCom.Events;

/// <summary>A department changed (<c>update_party</c>). Absent elements are <see langword="null"/> = unchanged.</summary>
public sealed record DepartmentUpdated(string ToUserName, DateTimeOffset CreateTime, long Id, string? Name, long? ParentId)
    : ContactChange(ToUserName, CreateTime);
