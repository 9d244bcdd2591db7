namespace Grid.WeCom.Events;

/// <summary>A department was removed (<c>delete_party</c>).</summary>
public sealed record DepartmentDeleted(string ToUserName, DateTimeOffset CreateTime, long Id)
    : ContactChange(ToUserName, CreateTime);
