using System.Collections.Frozen;

namespace Grid.Sync.Sources;

/// <summary>
/// A WeCom member as the snapshot saw it. Record equality compares the lists by reference: compare members by
/// <see cref="SourceHash.Of(SourceMember)"/> instead.
/// </summary>
public sealed record SourceMember
{
    /// <summary>WeCom <c>userid</c> (unique in the corp, compared without regard to case).</summary>
    public required string UserId { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Ids of the departments the member belongs to (only those visible to the app).</summary>
    public IReadOnlyList<long> Departments { get; init; } = [];

    /// <summary>Main department, when the app may see it.</summary>
    public long? MainDepartment { get; init; }

    /// <summary>Job title (职务).</summary>
    public string Position { get; init; } = "";

    /// <summary>Activation status.</summary>
    public MemberStatus Status { get; init; } = MemberStatus.Active;

    /// <summary>Alias (别名, often an English name).</summary>
    public string Alias { get; init; } = "";

    /// <summary>Landline (座机).</summary>
    public string Telephone { get; init; } = "";

    /// <summary>Mobile number; null when WeCom withholds it (apps created after 2022-06-20).</summary>
    public string? Mobile { get; init; }

    /// <summary>Personal e-mail; null when withheld.</summary>
    public string? Email { get; init; }

    /// <summary>Enterprise e-mail (企业邮箱); null when withheld.</summary>
    public string? BizMail { get; init; }

    /// <summary>"0" undefined, "1" male, "2" female; null when withheld.</summary>
    public string? Gender { get; init; }

    /// <summary>Text extended attributes: attribute name → text value.</summary>
    public IReadOnlyDictionary<string, string> ExtAttrs { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Direct leaders' userids.</summary>
    public IReadOnlyList<string> DirectLeaders { get; init; } = [];

    /// <summary>Leader flags aligned with <see cref="Departments"/>.</summary>
    public IReadOnlyList<bool> IsLeaderInDept { get; init; } = [];
}
