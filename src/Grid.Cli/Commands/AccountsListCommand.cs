using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl accounts list [--organization ORG] [--page-size N] [--page-token T | --all]</c>.</summary>
public sealed class AccountsListCommand(StandardStreams streams, GridSession session) : OnlineCommand<AccountsListCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandOption("--organization <ORG>")]
        [Description("Only members of this organization (default: every account of the tenant).")]
        public string? Organization { get; set; }

        [CommandOption("--page-size <N>")]
        [Description("Accounts per page (default 100, at most 1000).")]
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
        return await WritePagedListAsync<Account>(settings, settings.PageToken, settings.All, async token =>
        {
            var page = await grid.Directory.ListAccountsAsync(new ListAccountsRequest
            {
                TenantId = TenantOf(settings, grid), OrganizationId = settings.Organization ?? "", PageSize = settings.PageSize, PageToken = token,
            }, grid.Call(cancellationToken));
            return ((IEnumerable<Account>)page.Accounts, page.NextPageToken);
        }, AccountView.Table);
    }
}
