using System.ComponentModel;
using System.Globalization;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl wecom events list</c>: a connector's recent change callbacks, newest first.</summary>
public sealed class WeComEventsListCommand(StandardStreams streams, GridSession session)
    : OnlineCommand<WeComEventsListCommand.Settings>(streams, session)
{
    private static readonly string[] Statuses = ["durable", "applied", "ignored", "held", "failed", "parked", "approved", "discarded"];

    public sealed class Settings : PagedConnectorSettings
    {
        [CommandOption("--status <STATUS>")]
        [Description("Only events of this status: durable, applied, ignored, held, failed, parked, approved or discarded.")]
        public string? Status { get; set; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful && Status is not null && !Statuses.Contains(Status, StringComparer.Ordinal)
                ? ValidationResult.Error($"--status must be one of {string.Join(", ", Statuses)}")
                : result;
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var page = await grid.Admin.ListWeComEventsAsync(new ListWeComEventsRequest
        {
            TenantId = TenantOf(settings, grid),
            ConnectorId = settings.Connector!,
            Status = settings.Status is null ? WeComEventStatus.Unspecified : (WeComEventStatus)(Array.IndexOf(Statuses, settings.Status) + 1),
            PageSize = settings.PageSize,
            PageToken = settings.PageToken ?? "",
        }, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonListAsync(page.Events, page.NextPageToken);
            return ExitCodes.Success;
        }

        var table = new Table().AddColumn("event").AddColumn("change").AddColumn("subject").AddColumn("status")
            .AddColumn("attempts").AddColumn("received").AddColumn("finished").AddColumn("error / decided by");
        foreach (var e in page.Events)
        {
            table.AddRow(
                Markup.Escape(e.EventId),
                Markup.Escape(e.ChangeType),
                Markup.Escape(Subject(e)),
                Markup.Escape(StatusName(e.Status)),
                e.Attempts.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(e.ReceivedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? ""),
                Markup.Escape(e.FinishedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? ""),
                Markup.Escape(e.DecidedBy.Length > 0 ? e.DecidedBy : e.Error));
        }

        Console().Write(table);
        if (page.NextPageToken.Length > 0)
        {
            await Streams.Out.WriteLineAsync($"more: --page-token {page.NextPageToken}");
        }

        return ExitCodes.Success;
    }

    internal static string StatusName(WeComEventStatus status) =>
        status == WeComEventStatus.Unspecified ? "" : Statuses[(int)status - 1];

    private static string Subject(WeComEvent e) => e switch
    {
        { Userid.Length: > 0, NewUserid.Length: > 0 } => $"{e.Userid} -> {e.NewUserid}",
        { Userid.Length: > 0 } => e.Userid,
        { DepartmentId: > 0 } => "department " + e.DepartmentId.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };
}
