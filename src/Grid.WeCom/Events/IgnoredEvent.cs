namespace Grid.WeCom.Events;

/// <summary>
/// A well-formed callback the directory sync does not act on: messages, other events, and <c>change_contact</c>
/// kinds such as <c>update_tag</c>.
/// </summary>
public sealed record IgnoredEvent(
    string ToUserName,
    DateTimeOffset CreateTime,
    string MsgType,
    string? Event,
    string? ChangeType)
    : ContactChange(ToUserName, CreateTime);
