using System.Text.Json;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Api;

// Part of CgiBinEndpoints: department/* and user/*, the contact APIs a sync reads.
internal static partial class CgiBinEndpoints
{
    private static Task DepartmentListAsync(ApiCall call) =>
        DepartmentArrayAsync(call, "department", MemberJson.WriteDepartment);

    private static Task DepartmentSimpleListAsync(ApiCall call) =>
        DepartmentArrayAsync(call, "department_id", (writer, department) => MemberJson.WriteDepartmentId(writer, department.Department));

    // department/list and department/simplelist: the same query and scope, one array written per department.
    private static Task DepartmentArrayAsync(ApiCall call, string arrayName, Action<Utf8JsonWriter, DepartmentView> write)
    {
        if (!TryOptionalInt(call.Query("id"), out var id))
        {
            return call.FailAsync(WeComErrors.DepartmentNotFound);
        }

        var outcome = call.Company.ListDepartments(call.App.AgentId, id);
        return outcome.ErrCode != WeComErrors.Ok
            ? call.FailAsync(outcome.ErrCode)
            : ApiResponses.OkAsync(call.Context, writer =>
            {
                writer.WriteStartArray(arrayName);
                foreach (var department in outcome.Value!)
                {
                    write(writer, department);
                }

                writer.WriteEndArray();
            });
    }

    private static Task DepartmentGetAsync(ApiCall call)
    {
        if (!TryOptionalInt(call.Query("id"), out var id) || id is null)
        {
            return call.FailAsync(WeComErrors.DepartmentNotFound);
        }

        var outcome = call.Company.GetDepartment(call.App.AgentId, id.Value);
        return outcome.ErrCode != WeComErrors.Ok
            ? call.FailAsync(outcome.ErrCode)
            : ApiResponses.OkAsync(call.Context, writer =>
            {
                writer.WritePropertyName("department");
                MemberJson.WriteDepartment(writer, outcome.Value!);
            });
    }

    private static async Task UserListIdAsync(ApiCall call)
    {
        if (!HttpMethods.IsPost(call.Context.Request.Method))
        {
            // errcode 40058 explanation: "当接口要求请求方式为POST时，实际调用中使用了GET方式…".
            await call.FailAsync(WeComErrors.InvalidParameter).ConfigureAwait(false);
            return;
        }

        using var body = await ReadBodyAsync(call.Context).ConfigureAwait(false);
        if (body is null)
        {
            await call.FailAsync(WeComErrors.DataFormatError).ConfigureAwait(false);
            return;
        }

        var root = body.RootElement;
        MemberCursor? cursor = null;
        var limit = 10_000;
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("cursor", out var cursorElement) && cursorElement.ValueKind == JsonValueKind.String
                && cursorElement.GetString() is { Length: > 0 } cursorText)
            {
                if (!MemberCursor.TryDecode(cursorText, call.Company.CursorKey, out var decoded))
                {
                    await call.FailAsync(WeComErrors.InvalidParameter).ConfigureAwait(false);
                    return;
                }

                cursor = decoded;
            }

            if (root.TryGetProperty("limit", out var limitElement)
                && (!limitElement.TryGetInt32(out limit) || limit is < 1 or > 10_000))
            {
                await call.FailAsync(WeComErrors.InvalidParameter).ConfigureAwait(false);
                return;
            }
        }

        var page = call.Company.ListMemberIds(call.App.AgentId, cursor, limit);
        await ApiResponses.OkAsync(call.Context, writer =>
        {
            writer.WriteString("next_cursor", page.Next?.Encode(call.Company.CursorKey) ?? "");
            writer.WriteStartArray("dept_user");
            foreach (var (userId, department) in page.Rows)
            {
                writer.WriteStartObject();
                writer.WriteString("userid", userId);
                writer.WriteNumber("department", department);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private static Task UserSimpleListAsync(ApiCall call) => UserListCoreAsync(call, MemberJson.WriteSimpleMember);

    private static Task UserListAsync(ApiCall call) => UserListCoreAsync(call, MemberJson.WriteMember);

    private static Task UserListCoreAsync(ApiCall call, Action<Utf8JsonWriter, MemberView> write)
    {
        if (!TryOptionalInt(call.Query("department_id"), out var departmentId) || departmentId is null)
        {
            return call.FailAsync(WeComErrors.DepartmentNotFound);
        }

        var outcome = call.Company.ListMembers(call.App.AgentId, departmentId.Value);
        return outcome.ErrCode != WeComErrors.Ok
            ? call.FailAsync(outcome.ErrCode)
            : ApiResponses.OkAsync(call.Context, writer =>
            {
                writer.WriteStartArray("userlist");
                foreach (var member in outcome.Value!)
                {
                    write(writer, member);
                }

                writer.WriteEndArray();
            });
    }

    private static Task UserGetAsync(ApiCall call)
    {
        var userId = call.Query("userid");
        if (userId.Length == 0)
        {
            return call.FailAsync(WeComErrors.UserIdMissing);
        }

        var outcome = call.Company.GetMember(call.App.AgentId, userId);
        if (outcome.ErrCode != WeComErrors.Ok)
        {
            return call.FailAsync(outcome.ErrCode);
        }

        // user/get is the member object itself beside errcode/errmsg, not wrapped.
        return ApiResponses.OkAsync(call.Context, writer => MemberJson.WriteMemberFields(writer, outcome.Value!));
    }
}
