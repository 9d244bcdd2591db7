namespace Grid.Sync.Mapping;

/// <summary>The names a field mapping may use: source fields to read and target fields to write.</summary>
public static class MappingCatalog
{
    /// <summary>The member field prefix for text extended attributes: <c>extattr.NAME</c> or <c>extattr."NAME"</c>.</summary>
    public const string ExtAttrField = "extattr";

    /// <summary>Member fields (WeCom's JSON names), besides <c>extattr.NAME</c>.</summary>
    public static IReadOnlyList<string> MemberFields { get; } =
        ["userid", "name", "alias", "mobile", "email", "biz_mail", "position", "telephone", "main_department", "gender", "status"];

    /// <summary>Department fields (WeCom's JSON names).</summary>
    public static IReadOnlyList<string> DepartmentFields { get; } = ["id", "name", "name_en", "parentid", "order"];

    /// <summary>Account fields a mapping may write.</summary>
    public static IReadOnlyList<string> AccountTargets { get; } =
        ["username", "display_name", "nickname", "email", "mobile", "phone", "job_title", "employee_id", "external_id", "gender"];

    /// <summary>Account fields every mapping set must write.</summary>
    public static IReadOnlyList<string> RequiredAccountTargets { get; } = ["username", "display_name"];

    /// <summary>Organization fields a mapping may write.</summary>
    public static IReadOnlyList<string> OrganizationTargets { get; } = ["name", "code", "description"];

    /// <summary>Organization fields every mapping set must write.</summary>
    public static IReadOnlyList<string> RequiredOrganizationTargets { get; } = ["name"];
}
