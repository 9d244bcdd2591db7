using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl orgs list [--parent ORG]</c>: the children of an organization, or the whole tree.</summary>
public sealed class OrgsListCommand(StandardStreams streams, GridSession session) : OnlineCommand<OrgsListCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandOption("--parent <ORG>")]
        [Description("List the children of this organization (default: the whole tree, parents first).")]
        public string? Parent { get; set; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var organizations = new List<Organization>();
        var token = "";
        do
        {
            var request = new ListOrganizationsRequest { TenantId = TenantOf(settings, grid), PageSize = 1000, PageToken = token };
            if (settings.Parent is null)
            {
                request.WholeTree = true;
            }
            else
            {
                request.ParentId = settings.Parent;
            }

            var page = await grid.Directory.ListOrganizationsAsync(request, grid.Call(cancellationToken));
            organizations.AddRange(page.Organizations);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        if (settings.Json)
        {
            // Every page was read: the token is empty, as on the last page of any list.
            await WriteJsonListAsync(organizations, nextPageToken: "");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumn("organization_id").AddColumn("name").AddColumn("parent_id").AddColumn("depth");
        foreach (var o in organizations)
        {
            table.AddRow(Markup.Escape(o.OrganizationId), Markup.Escape(new string(' ', 2 * o.Depth) + o.Name), Markup.Escape(o.ParentId),
                o.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Console().Write(table);
        return ExitCodes.Success;
    }
}
