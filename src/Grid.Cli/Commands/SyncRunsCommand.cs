using System.Globalization;
using Grid.Contracts.V1;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl sync runs</c>: a connector's runs, newest first, as a table.</summary>
public sealed class SyncRunsCommand(StandardStreams streams, GridSession session) : OnlineCommand<PagedConnectorSettings>(streams, session)
{
    protected override async Task<int> RunAsync(PagedConnectorSettings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var page = await grid.Admin.ListSyncRunsAsync(new ListSyncRunsRequest
        {
            TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector!, PageSize = settings.PageSize, PageToken = settings.PageToken ?? "",
        }, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonListAsync(page.Runs, page.NextPageToken);
            return ExitCodes.Success;
        }

        var table = new Table().AddColumn("run").AddColumn("state").AddColumn("trigger").AddColumn("started").AddColumn("planned").AddColumn("by");
        foreach (var run in page.Runs)
        {
            table.AddRow(
                Markup.Escape(run.RunId),
                Markup.Escape(SyncRunView.State(run) + (run.DryRun ? " (dry)" : "")),
                Markup.Escape(run.Trigger.ToString()),
                Markup.Escape(run.StartedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? ""),
                Markup.Escape(SyncRunView.Planned(run)),
                Markup.Escape(run.RequestedBy));
        }

        Console().Write(table);
        await Streams.Out.WriteLineAsync(SyncRunView.Legend);
        if (page.NextPageToken.Length > 0)
        {
            await Streams.Out.WriteLineAsync($"more: --page-token {page.NextPageToken}");
        }

        return ExitCodes.Success;
    }
}
