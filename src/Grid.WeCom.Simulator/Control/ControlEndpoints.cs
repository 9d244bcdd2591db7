using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Grid.WeCom.Simulator.Callbacks;
using Grid.WeCom.Simulator.Faults;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Control;

/// <summary>
/// The simulator's own HTTP API under /_sim/ (JSON, for dev runs and manual use): inspect the company, mutate it
/// (each mutation queues its change_contact callbacks), change app scopes, revoke tokens, inject faults, set quotas,
/// read the callback log and call counts, and stand in for an SMS gateway (POST /_sim/sms, read with GET) and a mail gateway (POST /_sim/email, read with GET). A <c>corpid</c> query selects another company than the first.
/// Refusals are HTTP 400 (404 for unknown objects) with WeCom's errcode and text.
/// </summary>
internal static partial class ControlEndpoints
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static void Map(IEndpointRouteBuilder endpoints, WeComSimulator simulator)
    {
        endpoints.MapGet("/_sim/company", context => RunAsync(context, simulator, company => CompanyAsync(context, company)));
        endpoints.MapGet("/_sim/members/{userid}", context => RunAsync(context, simulator, company => GetMemberAsync(context, company)));
        endpoints.MapPost("/_sim/members", context => RunAsync(context, simulator, async company =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var member = ControlJson.ReadMember(body.RootElement, new SimulatedMember { UserId = "", Name = "", Departments = [] });
            await ChangedAsync(context, simulator, company, "add_member", company.AddMember(member)).ConfigureAwait(false);
        }));
        endpoints.MapPut("/_sim/members/{userid}", context => RunAsync(context, simulator, async company =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var change = company.UpdateMember(RouteString(context, "userid"), current => ControlJson.ReadMember(body.RootElement, current));
            await ChangedAsync(context, simulator, company, "update_member", change).ConfigureAwait(false);
        }));
        endpoints.MapPost("/_sim/members/{userid}/userid", context => RunAsync(context, simulator, async company =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var newUserId = body.RootElement.GetProperty("new_userid").GetString() ?? "";
            await ChangedAsync(context, simulator, company, "change_userid", company.ChangeUserId(RouteString(context, "userid"), newUserId)).ConfigureAwait(false);
        }));
        endpoints.MapDelete("/_sim/members/{userid}", context => RunAsync(context, simulator, company =>
            ChangedAsync(context, simulator, company, "delete_member", company.DeleteMember(RouteString(context, "userid")))));
        endpoints.MapPost("/_sim/departments", context => RunAsync(context, simulator, async company =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var department = ControlJson.ReadDepartment(body.RootElement, new SimulatedDepartment { Id = 0, Name = "", ParentId = SimulatedCompany.RootDepartmentId });
            await ChangedAsync(context, simulator, company, "add_department", company.AddDepartment(department)).ConfigureAwait(false);
        }));
        endpoints.MapPut("/_sim/departments/{id:int}", context => RunAsync(context, simulator, async company =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var id = RouteInt(context, "id");
            var current = company.FindDepartment(id) ?? throw new WeComSimulatorException(60003, $"no department {id}");
            var change = company.UpdateDepartment(ControlJson.ReadDepartment(body.RootElement, current) with { Id = id });
            await ChangedAsync(context, simulator, company, "update_department", change).ConfigureAwait(false);
        }));
        endpoints.MapDelete("/_sim/departments/{id:int}", context => RunAsync(context, simulator, company =>
            ChangedAsync(context, simulator, company, "delete_department", company.DeleteDepartment(RouteInt(context, "id")))));
        endpoints.MapPut("/_sim/apps/{agentid:int}/scope", context => RunAsync(context, simulator, async company =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var root = body.RootElement;
            int[] departments = root.TryGetProperty("departments", out var d) ? [.. d.EnumerateArray().Select(e => e.GetInt32())] : [];
            string[] users = root.TryGetProperty("users", out var u) ? [.. u.EnumerateArray().Select(e => e.GetString() ?? "")] : [];
            var app = company.SetVisibleScope(RouteInt(context, "agentid"), departments, users);
            await JsonAsync(context, StatusCodes.Status200OK, writer => WriteApp(writer, app)).ConfigureAwait(false);
        }));
        endpoints.MapPut("/_sim/apps/{agentid:int}/callback", context => RunAsync(context, simulator, async company =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var root = body.RootElement;
            var settings = new SimulatedCallbackSettings
            {
                Url = new Uri(root.GetProperty("url").GetString() ?? "", UriKind.Absolute),
                Token = root.GetProperty("token").GetString() ?? "",
                EncodingAesKey = root.GetProperty("encoding_aes_key").GetString() ?? "",
            };
            var app = await simulator.ConfigureCallbackAsync(company, RouteInt(context, "agentid"), settings, context.RequestAborted).ConfigureAwait(false);
            await JsonAsync(context, StatusCodes.Status200OK, writer => WriteApp(writer, app)).ConfigureAwait(false);
        }));
        endpoints.MapPost("/_sim/apps/{agentid:int}/revoke-tokens", context => RunAsync(context, simulator, company =>
        {
            var revoked = simulator.RevokeTokens(company.CorpId, RouteInt(context, "agentid"));
            return JsonAsync(context, StatusCodes.Status200OK, writer => writer.WriteBoolean("revoked", revoked));
        }));
        endpoints.MapGet("/_sim/faults", context => FaultsAsync(context, simulator));
        endpoints.MapPost("/_sim/faults", context => RunAsync(context, simulator, async _ =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            AddFault(simulator.Faults, body.RootElement);
            await FaultsAsync(context, simulator).ConfigureAwait(false);
        }));
        endpoints.MapDelete("/_sim/faults", context =>
        {
            simulator.Faults.Clear();
            return FaultsAsync(context, simulator);
        });
        endpoints.MapDelete("/_sim/faults/{id:long}", context =>
        {
            simulator.Faults.Remove(long.Parse(RouteString(context, "id"), CultureInfo.InvariantCulture));
            return FaultsAsync(context, simulator);
        });
        endpoints.MapPut("/_sim/quotas", context => RunAsync(context, simulator, async _ =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            var root = body.RootElement;
            var quotas = simulator.Quotas;
            quotas.Enabled = root.TryGetProperty("enabled", out var enabled) ? enabled.GetBoolean() : quotas.Enabled;
            quotas.CallsPerMinute = root.TryGetProperty("calls_per_minute", out var perMinute) ? Math.Max(1, perMinute.GetInt32()) : quotas.CallsPerMinute;
            quotas.CallsPerHour = root.TryGetProperty("calls_per_hour", out var perHour) ? Math.Max(1, perHour.GetInt32()) : quotas.CallsPerHour;
            simulator.ResetQuotas();
            await JsonAsync(context, StatusCodes.Status200OK, writer =>
            {
                writer.WriteBoolean("enabled", quotas.Enabled);
                writer.WriteNumber("calls_per_minute", quotas.CallsPerMinute);
                writer.WriteNumber("calls_per_hour", quotas.CallsPerHour);
            }).ConfigureAwait(false);
        }));
        endpoints.MapGet("/_sim/callbacks", context => JsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray("deliveries");
            foreach (var delivery in simulator.Callbacks.Deliveries)
            {
                WriteDelivery(writer, delivery);
            }

            writer.WriteEndArray();
        }));
        MapGateways(endpoints, simulator);
        endpoints.MapGet("/_sim/calls", context => JsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject("calls");
            foreach (var (path, count) in simulator.CallCounts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(path, count);
            }

            writer.WriteEndObject();
        }));
    }

    private static async Task RunAsync(HttpContext context, WeComSimulator simulator, Func<SimulatedCompany, Task> action)
    {
        var corpId = context.Request.Query["corpid"].ToString();
        var company = corpId.Length == 0 ? simulator.Company : simulator.FindCompany(corpId);
        if (company is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, 40013, $"no company {corpId}").ConfigureAwait(false);
            return;
        }

        try
        {
            await action(company).ConfigureAwait(false);
        }
        catch (WeComSimulatorException exception)
        {
            var status = exception.ErrCode is 60003 or 60111 or 40056 ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            await ErrorAsync(context, status, exception.ErrCode, exception.Message).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, 47001, $"invalid request body: {exception.Message}").ConfigureAwait(false);
        }
    }

    private static Task CompanyAsync(HttpContext context, SimulatedCompany company) =>
        JsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteString("corpid", company.CorpId);
            writer.WriteString("name", company.Name);
            writer.WriteNumber("members", company.MemberCount);
            writer.WriteNumber("departments", company.DepartmentCount);
            writer.WriteStartArray("apps");
            foreach (var app in company.Apps)
            {
                writer.WriteStartObject();
                WriteApp(writer, app);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    private static Task GetMemberAsync(HttpContext context, SimulatedCompany company)
    {
        var userId = RouteString(context, "userid");
        var member = company.FindMember(userId) ?? throw new WeComSimulatorException(60111, $"no member '{userId}'");
        return JsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteString("userid", member.UserId);
            writer.WriteString("name", member.Name);
            WriteArray(writer, "department", member.Departments.Select(d => (long)d));
            writer.WriteNumber("main_department", member.EffectiveMainDepartment);
            writer.WriteString("position", member.Position);
            writer.WriteString("mobile", member.Mobile);
            writer.WriteString("gender", member.Gender);
            writer.WriteString("email", member.Email);
            writer.WriteString("biz_mail", member.BizMail);
            writer.WriteNumber("status", (int)member.Status);
        });
    }

    private static void WriteApp(System.Text.Json.Utf8JsonWriter writer, SimulatedApp app)
    {
        // It is a simulator: the secret is shown so that a developer can configure a client against it.
        writer.WriteNumber("agentid", app.AgentId);
        writer.WriteString("name", app.Name);
        writer.WriteString("secret", app.Secret);
        writer.WriteString("created_at", app.CreatedAt);
        WriteArray(writer, "visible_departments", app.VisibleDepartments.Select(d => (long)d));
        writer.WriteStartArray("visible_users");
        foreach (var user in app.VisibleUsers)
        {
            writer.WriteStringValue(user);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("trusted_ips");
        foreach (var ip in app.TrustedIps)
        {
            writer.WriteStringValue(ip.ToString());
        }

        writer.WriteEndArray();
        writer.WriteString("trusted_domain", app.TrustedDomain);
        writer.WriteString("allowed_sensitive_fields", app.AllowedSensitiveFields.ToString());
        writer.WriteString("callback_url", app.Callback?.Url.AbsoluteUri);
    }

    private static void AddFault(FaultInjector faults, JsonElement json)
    {
        var path = json.GetProperty("path").GetString() ?? FaultInjector.AnyPath;
        int? times = json.TryGetProperty("times", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : null;
        var kind = json.GetProperty("kind").GetString();
        _ = kind switch
        {
            "errcode" => faults.ReturnErrCode(path, json.GetProperty("errcode").GetInt32(), times ?? 1),
            "latency" => faults.Delay(path, TimeSpan.FromMilliseconds(json.GetProperty("delay_ms").GetInt32()), times),
            "http_status" => faults.ReturnHttpStatus(path, json.TryGetProperty("status", out var s) ? s.GetInt32() : 503, times ?? 1),
            "drop" => faults.DropConnection(path, times ?? 1),
            "truncate" => faults.TruncateBody(
                path,
                times ?? 1,
                json.TryGetProperty("mode", out var m) && m.GetString() == "end" ? TruncationMode.End : TruncationMode.Abort),
            _ => throw new JsonException("kind must be errcode, latency, http_status, drop or truncate."),
        };
    }

    private static Task FaultsAsync(HttpContext context, WeComSimulator simulator) =>
        JsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray("faults");
            foreach (var rule in simulator.Faults.Rules)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", rule.Id);
                writer.WriteString("path", rule.Path);
                writer.WriteString("kind", rule.Kind.ToString());
                writer.WriteNumber("hits", rule.Hits);
                if (rule.Remaining is { } remaining)
                {
                    writer.WriteNumber("remaining", remaining);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    private static Task ChangedAsync(HttpContext context, WeComSimulator simulator, SimulatedCompany company, string operation, SimulatedChange change)
    {
        SimulatorLog.Mutated(simulator.Logger, operation, company.CorpId, change.Deliveries.Count);
        return JsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteString("change_type", change.ChangeType);
            writer.WriteStartArray("callbacks");
            foreach (var delivery in change.Deliveries)
            {
                WriteDelivery(writer, delivery);
            }

            writer.WriteEndArray();
        });
    }

    private static void WriteDelivery(Utf8JsonWriter writer, CallbackDelivery delivery)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sequence", delivery.Sequence);
        writer.WriteString("corpid", delivery.CorpId);
        writer.WriteNumber("agentid", delivery.AgentId);
        writer.WriteString("change_type", delivery.ChangeType);
        writer.WriteString("url", delivery.Url.AbsoluteUri);
        writer.WriteString("status", delivery.Status.ToString());
        writer.WriteStartArray("attempts");
        foreach (var attempt in delivery.Attempts)
        {
            writer.WriteStartObject();
            writer.WriteNumber("number", attempt.Number);
            if (attempt.HttpStatus is { } status)
            {
                writer.WriteNumber("http_status", status);
            }

            writer.WriteString("error", attempt.Error);
            writer.WriteNumber("duration_ms", Math.Round(attempt.Duration.TotalMilliseconds, 1));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IEnumerable<long> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    private static async Task<JsonDocument> ReadAsync(HttpContext context) =>
        await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);

    private static string RouteString(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? "";

    private static int RouteInt(HttpContext context, string name) => int.Parse(RouteString(context, name), CultureInfo.InvariantCulture);

    private static Task ErrorAsync(HttpContext context, int status, int errCode, string message) =>
        JsonAsync(context, status, writer =>
        {
            writer.WriteNumber("errcode", errCode);
            writer.WriteString("errmsg", message);
        });

    private static async Task JsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
