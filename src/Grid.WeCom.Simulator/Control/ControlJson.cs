using System.Text.Json;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Control;

/// <summary>Reads members and departments from WeCom-shaped JSON (the field names of user/create and department/create).</summary>
internal static class ControlJson
{
    /// <summary>Applies the fields present in <paramref name="json"/> to <paramref name="member"/> (all of them for a new one).</summary>
    public static SimulatedMember ReadMember(JsonElement json, SimulatedMember member)
    {
        var m = member;
        foreach (var property in json.EnumerateObject())
        {
            var value = property.Value;
            m = property.Name switch
            {
                "userid" => m with { UserId = value.GetString() ?? "" },
                "name" => m with { Name = value.GetString() ?? "" },
                "department" => m with { Departments = [.. value.EnumerateArray().Select(e => e.GetInt32())] },
                "order" => m with { Orders = [.. value.EnumerateArray().Select(e => e.GetInt64())] },
                "is_leader_in_dept" => m with { IsLeaderInDept = [.. value.EnumerateArray().Select(e => e.GetInt32())] },
                "main_department" => m with { MainDepartment = value.GetInt32() },
                "direct_leader" => m with { DirectLeaders = [.. value.EnumerateArray().Select(e => e.GetString() ?? "")] },
                "position" => m with { Position = value.GetString() ?? "" },
                "mobile" => m with { Mobile = value.GetString() ?? "" },
                "gender" => m with { Gender = value.ValueKind == JsonValueKind.Number ? value.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : value.GetString() ?? "0" },
                "email" => m with { Email = value.GetString() ?? "" },
                "biz_mail" => m with { BizMail = value.GetString() ?? "" },
                "avatar" => m with { Avatar = value.GetString() ?? "" },
                "telephone" => m with { Telephone = value.GetString() ?? "" },
                "alias" => m with { Alias = value.GetString() ?? "" },
                "address" => m with { Address = value.GetString() ?? "" },
                "qr_code" => m with { QrCode = value.GetString() ?? "" },
                "external_position" => m with { ExternalPosition = value.GetString() ?? "" },
                "status" => m with { Status = (MemberStatus)value.GetInt32() },
                _ => throw new JsonException($"Unknown member field '{property.Name}'."),
            };
        }

        return m;
    }

    public static SimulatedDepartment ReadDepartment(JsonElement json, SimulatedDepartment department)
    {
        var d = department;
        foreach (var property in json.EnumerateObject())
        {
            var value = property.Value;
            d = property.Name switch
            {
                "id" => d with { Id = value.GetInt32() },
                "name" => d with { Name = value.GetString() ?? "" },
                "name_en" => d with { NameEn = value.GetString() ?? "" },
                "parentid" => d with { ParentId = value.GetInt32() },
                "order" => d with { Order = value.GetInt64() },
                _ => throw new JsonException($"Unknown department field '{property.Name}'."),
            };
        }

        return d;
    }
}
