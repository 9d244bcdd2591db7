using Grid.Sync.Sources;

namespace Grid.Sync.Tests.Support;

/// <summary>Short builders for source objects.</summary>
internal static class Source
{
    public static SourceDepartment Dept(long id, long parentId, string? name = null, long order = 0) =>
        new(id, parentId, name ?? $"Dept {id}", null, order);

    public static SourceMember Member(string userId, params long[] departments) => new()
    {
        UserId = userId,
        Name = $"Name {userId}",
        Departments = departments,
        MainDepartment = departments.Length > 0 ? departments[0] : null,
        Position = "Engineer",
        Mobile = null,
        Email = $"{userId}@mail.example",
    };

    public static SourceSnapshot Snapshot(IEnumerable<SourceDepartment> departments, IEnumerable<SourceMember> members, bool complete = true) =>
        new([.. departments], [.. members], complete);
}
