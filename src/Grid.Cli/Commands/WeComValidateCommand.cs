using Grid.Contracts.V1;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl wecom validate</c>: prints the server's findings; exit 7 when any is an error.</summary>
public sealed class WeComValidateCommand(StandardStreams streams, GridSession session) : OnlineCommand<ConnectorSettings>(streams, session)
{
    protected override async Task<int> RunAsync(ConnectorSettings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var report = await grid.Admin.ValidateWeComAsync(
            new ValidateWeComRequest { TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector! }, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(report);
        }
        else if (report.Findings.Count == 0)
        {
            await Streams.Out.WriteLineAsync("valid: no findings");
        }
        else
        {
            var table = new Table().AddColumn("severity").AddColumn("code").AddColumn("field").AddColumn("message");
            foreach (var finding in report.Findings)
            {
                table.AddRow(
                    finding.Severity == FindingSeverity.Error ? "[red]error[/]" : "[yellow]warning[/]",
                    Markup.Escape(finding.Code), Markup.Escape(finding.Field), Markup.Escape(finding.Message));
            }

            Console().Write(table);
            await Streams.Out.WriteLineAsync(report.Valid ? "valid (with warnings)" : "NOT valid");
        }

        return report.Valid ? ExitCodes.Success : ExitCodes.NotSucceeded;
    }
}
