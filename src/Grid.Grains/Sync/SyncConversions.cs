using System.Collections.Frozen;
using System.Collections.Immutable;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Sync.Mapping;
using Grid.Sync.Sources;
using Grid.Sync.State;
using Grid.WeCom.Api;

namespace Grid.Grains.Sync;

/// <summary>Converts between WeCom's wire model, Grid.Sync's pure model and the persisted sync records.</summary>
internal static class SyncConversions
{
    public static SourceDepartment ToSource(WeComDepartment department) =>
        new(department.Id, department.ParentId, department.Name ?? string.Empty, NullIfEmpty(department.NameEn), department.Order);

    public static SourceMember ToSource(WeComUser user)
    {
        var departments = user.Department ?? [];
        var extAttrs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in user.ExtAttr?.Attrs ?? [])
        {
            // Only text attributes map to account fields; web links and mini programs are not text.
            if (attribute.Type == 0 && !string.IsNullOrEmpty(attribute.Name))
            {
                extAttrs[attribute.Name] = attribute.Text?.Value ?? string.Empty;
            }
        }

        return new SourceMember
        {
            UserId = user.UserId,
            Name = user.Name ?? string.Empty,
            Departments = departments,
            MainDepartment = user.MainDepartment is > 0 ? user.MainDepartment : null,
            Position = user.Position ?? string.Empty,
            Status = (MemberStatus)(user.Status ?? (int)MemberStatus.Active),
            Alias = user.Alias ?? string.Empty,
            Telephone = user.Telephone ?? string.Empty,
            Mobile = NullIfEmpty(user.Mobile),
            Email = NullIfEmpty(user.Email),
            BizMail = NullIfEmpty(user.BizMail),
            Gender = NullIfEmpty(user.Gender),
            ExtAttrs = extAttrs.ToFrozenDictionary(StringComparer.Ordinal),
            DirectLeaders = user.DirectLeader ?? [],
            IsLeaderInDept = [.. (user.IsLeaderInDept ?? []).Select(flag => flag == 1)],
        };
    }

    public static WeComDepartmentRecord ToRecord(SourceDepartment department) =>
        new(department.Id, department.ParentId, department.Name, department.NameEn, department.Order);

    public static SyncHash ToSyncHash(ContentHash hash) => new(hash.High, hash.Low);

    public static ContentHash ToContentHash(SyncHash hash) => new(hash.High, hash.Low);

    public static RosterMember ToRoster(string userId, MappedMember member, SyncStepContext context) => new(
        userId,
        member.AccountId,
        ToSyncHash(member.SourceHash),
        ToSyncHash(member.FieldsHash),
        member.OrganizationIds.IsDefault ? [] : member.OrganizationIds,
        member.Status,
        RenamedTo: null)
    {
        ObservedAt = context.ObservedAt,
        RunId = context.RunId,
    };

    public static MappedMember ToMapped(RosterMember member) => new(
        member.AccountId,
        ToContentHash(member.SourceHash),
        ToContentHash(member.FieldsHash),
        member.OrganizationIds.IsDefault ? [] : member.OrganizationIds,
        member.Status);

    public static RosterDepartment ToRoster(long departmentId, MappedDepartment department, DateTimeOffset? observedAt) => new(
        departmentId,
        department.OrganizationId,
        department.ParentDepartmentId,
        department.ParentOrganizationId,
        department.Name,
        ToSyncHash(department.SourceHash),
        ToSyncHash(department.FieldsHash))
    {
        ObservedAt = observedAt,
    };

    public static MappedDepartment ToMapped(RosterDepartment department) => new(
        department.OrganizationId,
        department.ParentDepartmentId,
        department.ParentOrganizationId,
        department.Name,
        ToContentHash(department.SourceHash),
        ToContentHash(department.FieldsHash));

    /// <summary>
    /// The account profile of mapped field values: username, display name, e-mail and mobile are profile fields,
    /// every other non-empty target an attribute. Empty values are absent (null), so they release unique values.
    /// </summary>
    public static AccountProfile ToProfile(FieldValues fields, string userId)
    {
        var attributes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (name is not ("username" or "display_name" or "email" or "mobile") && !string.IsNullOrWhiteSpace(value))
            {
                attributes[name] = value;
            }
        }

        var username = Value(fields, "username");
        return new AccountProfile(
            username,
            Value(fields, "display_name") ?? username ?? userId,
            Value(fields, "email"),
            Value(fields, "mobile"),
            attributes.Count == 0 ? null : attributes.ToImmutable());
    }

    public static string? Value(FieldValues fields, string name) =>
        fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
