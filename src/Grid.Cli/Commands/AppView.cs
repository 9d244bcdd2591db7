using System.Globalization;
using Grid.Contracts.V1;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>How OpenID Connect applications are shown as a table.</summary>
internal static class AppView
{
    public static Table Table(IEnumerable<Application> applications)
    {
        var table = new Table().AddColumn("client_id").AddColumn("display_name").AddColumn("type").AddColumn("scopes")
            .AddColumn("redirect_uris").AddColumn("consent").AddColumn("created_at");
        foreach (var app in applications)
        {
            table.AddRow(
                Markup.Escape(app.ClientId),
                Markup.Escape(app.DisplayName),
                app.PublicClient ? "public" : "confidential",
                Markup.Escape(string.Join(' ', app.Scopes)),
                Markup.Escape(string.Join(' ', app.RedirectUris)),
                app.ConsentRequired ? "required" : "no",
                app.CreatedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "");
        }

        return table;
    }
}
