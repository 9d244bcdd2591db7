namespace Grid.WeCom.Events;

/// <summary>A member was removed (<c>delete_user</c>).</summary>
public sealed record MemberDeleted(string ToUserName, DateTimeOffset CreateTime, string UserId)
    : ContactChange(ToUserName, CreateTime);
