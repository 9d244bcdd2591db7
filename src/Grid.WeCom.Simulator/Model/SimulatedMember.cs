namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// A member with every field WeCom stores. What an app actually sees of it (departments in its scope, sensitive
/// fields for apps created after 2022-06-20) is decided when the member is served.
/// </summary>
public sealed record SimulatedMember
{
    /// <summary>Unique in the company, compared case-insensitively; 1-64 characters of letters, digits and _-@.</summary>
    public required string UserId { get; init; }

    public required string Name { get; init; }

    /// <summary>Department ids, at least one.</summary>
    public required IReadOnlyList<int> Departments { get; init; }

    /// <summary>Order within each department, aligned with <see cref="Departments"/>; empty means all 0.</summary>
    public IReadOnlyList<long> Orders { get; init; } = [];

    /// <summary>1 where the member leads the department at the same index of <see cref="Departments"/>; empty means none.</summary>
    public IReadOnlyList<int> IsLeaderInDept { get; init; } = [];

    /// <summary>Main department; 0 means the first of <see cref="Departments"/>.</summary>
    public int MainDepartment { get; init; }

    /// <summary>Direct leaders' userids (at most five).</summary>
    public IReadOnlyList<string> DirectLeaders { get; init; } = [];

    public string Position { get; init; } = "";

    public string Mobile { get; init; } = "";

    /// <summary>"0" undefined, "1" male, "2" female (a string, as WeCom sends it).</summary>
    public string Gender { get; init; } = "0";

    public string Email { get; init; } = "";

    public string BizMail { get; init; } = "";

    /// <summary>Avatar URL ending in "/0"; the thumbnail is the same URL ending in "/100".</summary>
    public string Avatar { get; init; } = "";

    public string Telephone { get; init; } = "";

    public string Alias { get; init; } = "";

    public string Address { get; init; } = "";

    public string QrCode { get; init; } = "";

    public string ExternalPosition { get; init; } = "";

    public MemberStatus Status { get; init; } = MemberStatus.Active;

    public IReadOnlyList<SimulatedExtAttr> ExtAttrs { get; init; } = [];

    /// <summary>The main department as WeCom reports it: the explicit one, or the first department.</summary>
    public int EffectiveMainDepartment => MainDepartment != 0 ? MainDepartment : (Departments.Count > 0 ? Departments[0] : 0);

    /// <summary>The avatar thumbnail: WeCom's rule is to replace the trailing "/0" with "/100".</summary>
    public string ThumbAvatar => Avatar.Length == 0 ? "" : (Avatar.EndsWith("/0", StringComparison.Ordinal) ? Avatar[..^2] + "/100" : Avatar);

    /// <summary>Order within the department at <paramref name="index"/> of <see cref="Departments"/>.</summary>
    public long OrderAt(int index) => index < Orders.Count ? Orders[index] : 0;

    /// <summary>Leader flag for the department at <paramref name="index"/> of <see cref="Departments"/>.</summary>
    public int IsLeaderAt(int index) => index < IsLeaderInDept.Count ? IsLeaderInDept[index] : 0;
}
