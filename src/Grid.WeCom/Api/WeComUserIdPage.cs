namespace Grid.WeCom.Api;

/// <summary>One page of user/list_id.</summary>
/// <param name="Users">The page's rows.</param>
/// <param name="NextCursor">The cursor of the next page, or <see langword="null"/> after the last page.</param>
public sealed record WeComUserIdPage(IReadOnlyList<DeptUser> Users, string? NextCursor);
