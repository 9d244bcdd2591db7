using System.Collections.Frozen;
using Grid.Sync.Sources;
using Grid.WeCom.Simulator.Model;
using SourceStatus = Grid.Sync.Sources.MemberStatus;

namespace Grid.Benchmarks.Fixtures;

/// <summary>
/// Converts a simulated company into Grid.Sync's source model the way the sync coordinator converts WeCom's answers
/// (empty optional strings become null, only text extended attributes are kept). Every field is kept, as an app
/// created before 2022-06-20 sees them: the heaviest case for hashing and mapping.
/// </summary>
internal static class SourceModel
{
    public static SourceSnapshot Snapshot(SimulatedCompany company) =>
        new([.. company.Departments.Select(ToSource)], [.. company.Members.Select(ToSource)], Complete: true);

    public static SourceDepartment ToSource(SimulatedDepartment department) =>
        new(department.Id, department.ParentId, department.Name, NullIfEmpty(department.NameEn), department.Order);

    public static SourceMember ToSource(SimulatedMember member) => new()
    {
        UserId = member.UserId,
        Name = member.Name,
        Departments = [.. member.Departments.Select(id => (long)id)],
        MainDepartment = member.EffectiveMainDepartment > 0 ? member.EffectiveMainDepartment : null,
        Position = member.Position,
        Status = (SourceStatus)(int)member.Status,
        Alias = member.Alias,
        Telephone = member.Telephone,
        Mobile = NullIfEmpty(member.Mobile),
        Email = NullIfEmpty(member.Email),
        BizMail = NullIfEmpty(member.BizMail),
        Gender = NullIfEmpty(member.Gender),
        ExtAttrs = member.ExtAttrs
            .Where(attribute => attribute.Type == 0)
            .ToFrozenDictionary(attribute => attribute.Name, attribute => attribute.Text, StringComparer.Ordinal),
        DirectLeaders = [.. member.DirectLeaders],
        IsLeaderInDept = [.. member.Departments.Select((_, index) => member.IsLeaderAt(index) == 1)],
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
