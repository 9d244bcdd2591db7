using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl apps create --name NAME --redirect-uri URI... [--post-logout-uri URI...] [--scope S...] [--public]
/// [--consent]</c>: registers an OpenID Connect application and prints its client id, the issuer and (confidential
/// clients) its secret, which the server never shows again.
/// </summary>
public sealed class AppsCreateCommand(StandardStreams streams, GridSession session) : OnlineCommand<AppsCreateCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("A human name, shown to users on the consent page.")]
        public string? Name { get; set; }

        [CommandOption("--redirect-uri <URI>")]
        [Description("An exact redirect URI (repeat for more): absolute https, http only on loopback.")]
        public string[] RedirectUris { get; set; } = [];

        [CommandOption("--post-logout-uri <URI>")]
        [Description("An exact address end-session may return to (repeat for more).")]
        public string[] PostLogoutUris { get; set; } = [];

        [CommandOption("--scope <SCOPE>")]
        [Description("A scope it may ask for (repeat for more; default: openid profile email): openid, profile, email, phone, organizations, offline_access.")]
        public string[] Scopes { get; set; } = [];

        [CommandOption("--public")]
        [Description("A public client (browser or native app): no secret.")]
        public bool Public { get; set; }

        [CommandOption("--consent")]
        [Description("Ask users to allow the application (once; remembered).")]
        public bool Consent { get; set; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful)
            {
                return result;
            }

            if (string.IsNullOrWhiteSpace(Name))
            {
                return ValidationResult.Error("--name is required");
            }

            return RedirectUris.Length == 0 ? ValidationResult.Error("--redirect-uri is required (at least one)") : result;
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var created = await grid.Admin.CreateApplicationAsync(
            new CreateApplicationRequest
            {
                TenantId = TenantOf(settings, grid),
                DisplayName = settings.Name!,
                PublicClient = settings.Public,
                RedirectUris = { settings.RedirectUris },
                PostLogoutRedirectUris = { settings.PostLogoutUris },
                Scopes = { settings.Scopes.Length > 0 ? settings.Scopes : ["openid", "profile", "email"] },
                ConsentRequired = settings.Consent,
            },
            grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(created);
            return ExitCodes.Success;
        }

        var table = new Table().AddColumn("field").AddColumn("value");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("client_id", created.Application.ClientId);
        Row("issuer", created.Issuer);
        Row("discovery", created.Issuer + ".well-known/openid-configuration");
        if (created.ClientSecret.Length > 0)
        {
            Row("client_secret", created.ClientSecret);
        }

        Console().Write(table);
        if (created.ClientSecret.Length > 0)
        {
            await Streams.Out.WriteLineAsync("The client secret is shown only once: Grid keeps only its hash. Store it now (e.g. in a secret manager).");
        }

        return ExitCodes.Success;
    }
}
