using System.ComponentModel;
using System.Globalization;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl sync show RUN [--plan]</c>: a run and, with --plan, a page of its plan.</summary>
public sealed class SyncShowCommand(StandardStreams streams, GridSession session) : OnlineCommand<SyncShowCommand.Settings>(streams, session)
{
    public sealed class Settings : SyncRunSettings
    {
        [CommandOption("--plan")]
        [Description("Show the plan's steps too.")]
        public bool Plan { get; set; }

        [CommandOption("--page-size <N>")]
        [Description("Plan steps per page (default 100).")]
        public int PageSize { get; set; }

        [CommandOption("--page-token <TOKEN>")]
        [Description("The next_page_token of the previous page of the plan.")]
        public string? PageToken { get; set; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var response = await grid.Admin.GetSyncRunAsync(new GetSyncRunRequest
        {
            TenantId = TenantOf(settings, grid),
            ConnectorId = settings.Connector!,
            RunId = settings.RunId,
            IncludePlan = settings.Plan,
            PlanPageSize = settings.PageSize,
            PlanPageToken = settings.PageToken ?? "",
        }, grid.Call(cancellationToken));
        if (settings.Json)
        {
            if (settings.Plan)
            {
                await WriteJsonListAsync(response.PlanSteps, response.NextPlanPageToken, ("run", response.Run));
            }
            else
            {
                await WriteJsonAsync(response.Run);
            }

            return ExitCodes.Success;
        }

        var console = Console();
        SyncRunView.Render(console, response.Run);
        if (settings.Plan)
        {
            var table = new Table().AddColumn("#").AddColumn("action").AddColumn("source").AddColumn("target").AddColumn("outcome").AddColumn("description");
            foreach (var step in response.PlanSteps)
            {
                table.AddRow(
                    step.Index.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(step.Action),
                    Markup.Escape(step.Source),
                    Markup.Escape(step.Target),
                    Markup.Escape(step.Outcome + (step.Error.Length > 0 ? $": {step.Error}" : "")),
                    Markup.Escape(step.Description));
            }

            console.Write(table);
            if (response.NextPlanPageToken.Length > 0)
            {
                await Streams.Out.WriteLineAsync($"more: --page-token {response.NextPlanPageToken}");
            }
        }

        return ExitCodes.Success;
    }
}
