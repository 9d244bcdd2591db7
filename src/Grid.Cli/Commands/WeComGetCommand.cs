using System.Globalization;
using Grid.Contracts.V1;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl wecom get</c>: shows a connector; secrets only as set / not set.</summary>
public sealed class WeComGetCommand(StandardStreams streams, GridSession session) : OnlineCommand<ConnectorSettings>(streams, session)
{
    protected override async Task<int> RunAsync(ConnectorSettings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var response = await grid.Admin.GetWeComAsync(
            new GetWeComRequest { TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector! }, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(response.Connector);
        }
        else
        {
            Render(Console(), response.Connector);
        }

        return ExitCodes.Success;
    }

    internal static void Render(IAnsiConsole console, WeComConnector connector)
    {
        var s = connector.Settings;
        var table = new Table().AddColumn("setting").AddColumn("value");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("connector", $"{connector.TenantId}/{connector.ConnectorId} (version {connector.Version})");
        Row("display_name", s.DisplayName);
        Row("corp_id", s.CorpId);
        Row("agent_id", s.AgentId);
        Row("app_secret", connector.HasAppSecret ? "set" : "NOT SET");
        Row("callback_token", connector.HasCallbackToken ? "set" : "NOT SET");
        Row("callback_encoding_aes_key", connector.HasCallbackEncodingAesKey ? "set" : "NOT SET");
        Row("callback_url", connector.CallbackUrl);
        Row("login_page_domain", s.LoginPageDomain);
        Row("authorized_callback_domain", s.AuthorizedCallbackDomain);
        Row("redirect_domain", s.RedirectDomain);
        Row("trusted_ips", string.Join(", ", s.TrustedIps));
        Row("allowed_return_origins", string.Join(", ", s.AllowedReturnOrigins));
        Row("sync_organization_id", s.SyncOrganizationId);
        var f = s.Features ?? new ConnectorFeatures();
        Row("features", $"contact_sync={f.ContactSync} qr_login={f.QrLogin} web_login={f.WebLogin} password={f.PasswordFallback} sms={f.SmsFallback}");
        Row("thresholds", $"accounts {connector.Thresholds?.MaxAccountDeletes}, organizations {connector.Thresholds?.MaxOrganizationDeletes}");
        var t = connector.Thresholds ?? new SyncThresholds();
        Row("delete_budget", string.Create(
            CultureInfo.InvariantCulture,
            $"accounts {(t.HasIncrementalMaxAccountDeletes ? t.IncrementalMaxAccountDeletes : t.MaxAccountDeletes)}, organizations {(t.HasIncrementalMaxOrganizationDeletes ? t.IncrementalMaxOrganizationDeletes : t.MaxOrganizationDeletes)} per {(t.HasIncrementalWindowSeconds ? t.IncrementalWindowSeconds : 600)} s (change callbacks; further deletes are held)"));
        Row("schedule", connector.Schedule is { Enabled: true } schedule ? $"daily at {schedule.LocalTime}" : "off");
        Row("field_mappings", $"{connector.FieldMappings?.Account.Count ?? 0} account, {connector.FieldMappings?.Organization.Count ?? 0} organization");
        console.Write(table);
    }
}
