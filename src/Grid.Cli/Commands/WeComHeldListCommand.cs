using System.Globalization;
using Grid.Contracts.V1;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl wecom held list</c>: deletes from change callbacks held by the delete budget, oldest first.</summary>
public sealed class WeComHeldListCommand(StandardStreams streams, GridSession session) : OnlineCommand<PagedConnectorSettings>(streams, session)
{
    protected override async Task<int> RunAsync(PagedConnectorSettings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var page = await grid.Admin.ListHeldChangesAsync(new ListHeldChangesRequest
        {
            TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector!, PageSize = settings.PageSize, PageToken = settings.PageToken ?? "",
        }, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonListAsync(page.HeldChanges, page.NextPageToken);
            return ExitCodes.Success;
        }

        var table = new Table().AddColumn("id").AddColumn("held").AddColumn("deletes").AddColumn("of").AddColumn("why");
        foreach (var change in page.HeldChanges)
        {
            table.AddRow(
                Markup.Escape(change.HeldChangeId),
                Markup.Escape(change.HeldAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? ""),
                Markup.Escape(change.TargetId),
                Markup.Escape(change.Kind == HeldChangeKind.AccountDelete
                    ? "user " + change.WecomUserid
                    : "department " + change.DepartmentId.ToString(CultureInfo.InvariantCulture)),
                Markup.Escape(change.Description));
        }

        Console().Write(table);
        await Streams.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture, $"{page.Total} held; 'gridctl wecom held approve|discard ID... | --all'"));
        if (page.NextPageToken.Length > 0)
        {
            await Streams.Out.WriteLineAsync($"more: --page-token {page.NextPageToken}");
        }

        return ExitCodes.Success;
    }
}
