namespace Grid.WeCom.Events;

/// <summary>A department was added (<c>create_party</c>). Absent elements are <see langword="null"/>.</summary>
public sealed record DepartmentCreated(
    string ToUserName,
    DateTimeOffset CreateTime,
    long Id,
    string? Name,
    long? ParentId,
    long? Order)
    : ContactChange(ToUserName, CreateTime);
