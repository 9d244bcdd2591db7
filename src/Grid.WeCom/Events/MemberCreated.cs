namespace Grid.WeCom.Events;

/// <summary>A member was added (<c>create_user</c>).</summary>
public sealed record MemberCreated(string ToUserName, DateTimeOffset CreateTime, string UserId, MemberFields Fields)
    : ContactChange(ToUserName, CreateTime);
