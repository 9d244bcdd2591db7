using System.Text.Json;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Api;

/// <summary>Member and department objects in the field order of WeCom's samples (API.md §2).</summary>
internal static class MemberJson
{
    public static void WriteMember(Utf8JsonWriter writer, MemberView view)
    {
        writer.WriteStartObject();
        WriteMemberFields(writer, view);
        writer.WriteEndObject();
    }

    /// <summary>The member's properties without braces: user/get puts them beside errcode and errmsg.</summary>
    public static void WriteMemberFields(Utf8JsonWriter writer, MemberView view)
    {
        var member = view.Member;
        var hide = view.HideSensitive;
        writer.WriteString("userid", member.UserId);
        writer.WriteString("name", member.Name);
        WriteInts(writer, "department", view.Departments);
        writer.WriteStartArray("order");
        foreach (var order in view.Orders)
        {
            writer.WriteNumberValue(order);
        }

        writer.WriteEndArray();
        writer.WriteString("position", member.Position);
        if (!hide)
        {
            writer.WriteString("mobile", member.Mobile);
        }

        // Apps created after 2022-06-20 get "0": "不可获取指返回值0".
        writer.WriteString("gender", hide ? "0" : member.Gender);
        if (!hide)
        {
            writer.WriteString("email", member.Email);
            writer.WriteString("biz_mail", member.BizMail);
        }

        WriteInts(writer, "is_leader_in_dept", view.IsLeaderInDept);
        writer.WriteStartArray("direct_leader");
        foreach (var leader in view.DirectLeaders)
        {
            writer.WriteStringValue(leader);
        }

        writer.WriteEndArray();
        if (!hide)
        {
            writer.WriteString("avatar", member.Avatar);
            writer.WriteString("thumb_avatar", member.ThumbAvatar);
        }

        writer.WriteString("telephone", member.Telephone);
        writer.WriteString("alias", member.Alias);
        if (!hide)
        {
            writer.WriteString("address", member.Address);
        }

        if (view.MainDepartment is { } main)
        {
            writer.WriteNumber("main_department", main);
        }

        writer.WriteStartObject("extattr");
        writer.WriteStartArray("attrs");
        foreach (var attr in member.ExtAttrs)
        {
            writer.WriteStartObject();
            writer.WriteNumber("type", attr.Type);
            writer.WriteString("name", attr.Name);
            if (attr.Type == 1)
            {
                writer.WriteStartObject("web");
                writer.WriteString("url", attr.Url);
                writer.WriteString("title", attr.Title);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("text");
                writer.WriteString("value", attr.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteNumber("status", (int)member.Status);
        if (!hide)
        {
            writer.WriteString("qr_code", member.QrCode);
        }

        writer.WriteString("external_position", member.ExternalPosition);
    }

    public static void WriteSimpleMember(Utf8JsonWriter writer, MemberView view)
    {
        writer.WriteStartObject();
        writer.WriteString("userid", view.Member.UserId);
        writer.WriteString("name", view.Member.Name);
        WriteInts(writer, "department", view.Departments);
        writer.WriteEndObject();
    }

    public static void WriteDepartment(Utf8JsonWriter writer, DepartmentView view)
    {
        var department = view.Department;
        writer.WriteStartObject();
        writer.WriteNumber("id", department.Id);
        writer.WriteString("name", department.Name);
        writer.WriteString("name_en", department.NameEn);
        writer.WriteStartArray("department_leader");
        foreach (var leader in view.Leaders)
        {
            writer.WriteStringValue(leader);
        }

        writer.WriteEndArray();
        writer.WriteNumber("parentid", department.ParentId);
        writer.WriteNumber("order", department.Order);
        writer.WriteEndObject();
    }

    public static void WriteDepartmentId(Utf8JsonWriter writer, SimulatedDepartment department)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", department.Id);
        writer.WriteNumber("parentid", department.ParentId);
        writer.WriteNumber("order", department.Order);
        writer.WriteEndObject();
    }

    private static void WriteInts(Utf8JsonWriter writer, string name, IReadOnlyList<int> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
