using System.Collections.Frozen;
using System.Globalization;
using Grid.Sync.Sources;

namespace Grid.Sync.Mapping;

/// <summary>Reads source fields as text; a missing value reads as "".</summary>
internal static class SourceFieldAccessors
{
    private static readonly FrozenDictionary<string, Func<SourceMember, string>> Member =
        new Dictionary<string, Func<SourceMember, string>>
        {
            ["userid"] = m => m.UserId,
            ["name"] = m => m.Name,
            ["alias"] = m => m.Alias,
            ["mobile"] = m => m.Mobile ?? "",
            ["email"] = m => m.Email ?? "",
            ["biz_mail"] = m => m.BizMail ?? "",
            ["position"] = m => m.Position,
            ["telephone"] = m => m.Telephone,
            ["main_department"] = m => m.MainDepartment?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["gender"] = m => m.Gender ?? "",
            ["status"] = m => ((int)m.Status).ToString(CultureInfo.InvariantCulture),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Func<SourceDepartment, string>> Department =
        new Dictionary<string, Func<SourceDepartment, string>>
        {
            ["id"] = d => d.Id.ToString(CultureInfo.InvariantCulture),
            ["name"] = d => d.Name,
            ["name_en"] = d => d.NameEn ?? "",
            ["parentid"] = d => d.ParentId.ToString(CultureInfo.InvariantCulture),
            ["order"] = d => d.Order.ToString(CultureInfo.InvariantCulture),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static Func<SourceMember, string>? ForMember(FieldNode field)
    {
        if (field.Attribute is { } attribute)
        {
            return field.Field == MappingCatalog.ExtAttrField
                ? m => m.ExtAttrs.TryGetValue(attribute, out var value) ? value ?? "" : ""
                : null;
        }

        return Member.GetValueOrDefault(field.Field);
    }

    public static Func<SourceDepartment, string>? ForDepartment(FieldNode field) =>
        field.Attribute is null ? Department.GetValueOrDefault(field.Field) : null;
}
