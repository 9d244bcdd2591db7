namespace Grid.WeCom.Events;

/// <summary>
/// Member attributes carried by <c>create_user</c> and <c>update_user</c>. Every property is <see langword="null"/>
/// when its element was absent, which means "unchanged" (or "not shared with this app"): callbacks configured after
/// 2022-08-15 carry only UserID, Department and NewUserID. Lists compare by reference, not by content.
/// </summary>
public sealed record MemberFields
{
    public string? Name { get; init; }

    /// <summary>Department ids the app may see.</summary>
    public IReadOnlyList<long>? Departments { get; init; }

    public long? MainDepartment { get; init; }

    /// <summary>Per entry of <see cref="Departments"/>: whether the member leads that department.</summary>
    public IReadOnlyList<bool>? IsLeaderInDept { get; init; }

    /// <summary>User ids of direct leaders (at most five).</summary>
    public IReadOnlyList<string>? DirectLeader { get; init; }

    public string? Position { get; init; }

    public string? Mobile { get; init; }

    /// <summary>"0" undefined or not shared, "1" male, "2" female; a string as in the API.</summary>
    public string? Gender { get; init; }

    public string? Email { get; init; }

    public string? BizMail { get; init; }

    /// <summary>1 active, 2 disabled, 4 not yet activated, 5 left the company.</summary>
    public int? Status { get; init; }

    public string? Avatar { get; init; }

    public string? Alias { get; init; }

    public string? Telephone { get; init; }

    public string? Address { get; init; }

    public IReadOnlyList<ExtAttrItem>? ExtAttr { get; init; }
}
