using System.ComponentModel;
using System.Globalization;
using Grid.Contracts.V1;
using Grpc.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl tenants create TENANT --name NAME [--time-zone TZ] [--login]</c>: creates a tenant with the current
/// login (which needs the platform.admin scope) and prints the tenant's first admin credential, whose secret the
/// server never shows again; --login makes that credential the stored login.
/// </summary>
public sealed class TenantsCreateCommand(StandardStreams streams, GridSession session) : OnlineCommand<TenantsCreateCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandArgument(0, "<TENANT>")]
        [Description("The new tenant's id: 1-63 characters of a-z, 0-9 and '-'.")]
        public string TenantId { get; set; } = "";

        [CommandOption("--name <NAME>")]
        [Description("A human name for the tenant (e.g. the company name).")]
        public string? Name { get; set; }

        [CommandOption("--time-zone <TZ>")]
        [Description("The tenant's IANA time zone, used for schedules (e.g. Asia/Shanghai; default UTC).")]
        public string? TimeZone { get; set; }

        [CommandOption("--login")]
        [Description("Store the new admin credential as the login, as 'gridctl login' does: later commands act on the new tenant.")]
        public bool Login { get; set; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful)
            {
                return result;
            }

            if (Tenant is not null)
            {
                return ValidationResult.Error("--tenant does not apply: the new tenant is the TENANT argument");
            }

            return string.IsNullOrWhiteSpace(Name) ? ValidationResult.Error("--name is required") : result;
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var created = await grid.Admin.CreateTenantAsync(
            new CreateTenantRequest { TenantId = settings.TenantId, DisplayName = settings.Name!, TimeZone = settings.TimeZone ?? "" },
            grid.Call(cancellationToken));
        var credential = created.AdminClient;

        // Printed before logging in: if the login fails, the secret must not be lost with it.
        if (settings.Json)
        {
            await WriteJsonAsync(created);
        }
        else
        {
            Render(Console(), created);
            await Streams.Out.WriteLineAsync(
                "The client secret is shown only once: Grid keeps only its hash. Store it now (e.g. in a secret manager).");
        }

        if (!settings.Login)
        {
            if (!settings.Json)
            {
                await Streams.Out.WriteLineAsync(
                    $"Log in with it: gridctl login --server {grid.Server} --client-id {credential.ClientId} --client-secret-stdin < secret.txt");
            }

            return ExitCodes.Success;
        }

        try
        {
            var (config, token) = await Session.LoginAsync(grid.Server, credential.ClientId, credential.ClientSecret, cancellationToken);
            if (!settings.Json)
            {
                await Streams.Out.WriteLineAsync(LoginCommand.LoggedIn(config, token, Session.ConfigPath));
            }
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.FromStatus(ex.StatusCode),
                $"tenant '{created.Tenant.TenantId}' was created and its credential printed, but logging in with it failed: {ex.StatusCode}: {ex.Status.Detail}");
        }

        return ExitCodes.Success;
    }

    private static void Render(IAnsiConsole console, CreateTenantResponse created)
    {
        var tenant = created.Tenant;
        var credential = created.AdminClient;
        var table = new Table().AddColumn("field").AddColumn("value");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("tenant_id", tenant.TenantId);
        Row("display_name", tenant.DisplayName);
        Row("time_zone", tenant.TimeZone);
        Row("root_organization_id", tenant.RootOrganizationId);
        Row("created_at", tenant.CreatedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "");
        table.AddEmptyRow();
        Row("admin client_id", credential.ClientId);
        Row("admin client_secret", credential.ClientSecret);
        Row("admin scopes", string.Join(' ', credential.Scopes));
        console.Write(table);
    }
}
