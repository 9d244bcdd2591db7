namespace Grid.WeCom.Events;

/// <summary>A member changed (<c>update_user</c>).</summary>
/// <param name="ToUserName">The corp id the callback was addressed to.</param>
/// <param name="CreateTime">When WeCom created the event.</param>
/// <param name="UserId">The member's user id before this change.</param>
/// <param name="NewUserId">The new user id when the user id itself changed (a rename, not a delete and create).</param>
/// <param name="Fields">The attributes present in the event; absent ones are unchanged.</param>
public sealed record MemberUpdated(
    string ToUserName,
    DateTimeOffset CreateTime,
    string UserId,
    string? NewUserId,
    MemberFields Fields)
    : ContactChange(ToUserName, CreateTime);
