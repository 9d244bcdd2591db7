using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl apps list [--page-size N] [--page-token T | --all]</c>: the tenant's OpenID Connect applications.</summary>
public sealed class AppsListCommand(StandardStreams streams, GridSession session) : OnlineCommand<AppsListCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandOption("--page-size <N>")]
        [Description("Applications per page (default 50, at most 500).")]
        public int PageSize { get; set; }

        [CommandOption("--page-token <TOKEN>")]
        [Description("The next_page_token of the previous page.")]
        public string? PageToken { get; set; }

        [CommandOption("--all")]
        [Description("Follow page tokens to the last page.")]
        public bool All { get; set; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        return await WritePagedListAsync<Application>(settings, settings.PageToken, settings.All, async token =>
        {
            var page = await grid.Admin.ListApplicationsAsync(
                new ListApplicationsRequest { TenantId = TenantOf(settings, grid), PageSize = settings.PageSize, PageToken = token },
                grid.Call(cancellationToken));
            return ((IEnumerable<Application>)page.Applications, page.NextPageToken);
        }, AppView.Table);
    }
}
