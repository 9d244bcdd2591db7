using System.ComponentModel;
using System.Globalization;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl cluster status [--include-dead]</c>: every silo with its status and load, and the sync runs active now in
/// any tenant (Admin.GetClusterStatus; needs a login with the platform.admin scope).
/// </summary>
public sealed class ClusterStatusCommand(StandardStreams streams, GridSession session)
    : OnlineCommand<ClusterStatusCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandOption("--include-dead")]
        [Description("Also list silos the membership table still holds as dead.")]
        public bool IncludeDead { get; set; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var status = await grid.Admin.GetClusterStatusAsync(
            new GetClusterStatusRequest { IncludeDead = settings.IncludeDead }, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(status);
            return ExitCodes.Success;
        }

        var console = Console();
        var silos = new Table().AddColumn("silo").AddColumn("name").AddColumn("status").AddColumn("activations")
            .AddColumn("recently used").AddColumn("cpu").AddColumn("memory").AddColumn("available").AddColumn("started");
        foreach (var silo in status.Silos)
        {
            var load = silo.Load;
            silos.AddRow(
                Markup.Escape(silo.Address + (silo.Address == status.AnsweredBy ? " *" : "")),
                Markup.Escape(silo.Name),
                State(silo.Status) + (load?.IsOverloaded == true ? " (overloaded)" : ""),
                load is null ? "-" : load.ActivationCount.ToString("N0", CultureInfo.InvariantCulture),
                load is null ? "-" : load.RecentlyUsedActivationCount.ToString("N0", CultureInfo.InvariantCulture),
                load is null ? "-" : load.CpuUsagePercent.ToString("0.0", CultureInfo.InvariantCulture) + "%",
                load is null ? "-" : Mebibytes(load.MemoryUsageBytes),
                load is null ? "-" : Mebibytes(load.AvailableMemoryBytes),
                silo.StartedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "");
        }

        console.Write(silos);
        await Streams.Out.WriteLineAsync("* the silo that answered; - not reported (the silo is not active or did not answer)");
        if (status.ActiveRuns.Count == 0)
        {
            await Streams.Out.WriteLineAsync("no active sync runs");
            return ExitCodes.Success;
        }

        var runs = new Table().AddColumn("tenant").AddColumn("connector").AddColumn("run").AddColumn("state")
            .AddColumn("progress").AddColumn("started");
        foreach (var run in status.ActiveRuns)
        {
            runs.AddRow(
                Markup.Escape(run.TenantId),
                Markup.Escape(run.ConnectorId),
                Markup.Escape(run.RunId),
                SyncRunView.State(run),
                run.Progress is { } progress
                    ? Markup.Escape($"{progress.Phase} {progress.Completed.ToString(CultureInfo.InvariantCulture)}/{progress.Total.ToString(CultureInfo.InvariantCulture)}")
                    : "",
                run.StartedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "");
        }

        console.Write(runs);
        return ExitCodes.Success;
    }

    private static string State(SiloState state) => state switch
    {
        SiloState.Active => "ACTIVE",
        SiloState.Joining => "JOINING",
        SiloState.ShuttingDown => "SHUTTING_DOWN",
        SiloState.Stopping => "STOPPING",
        SiloState.Dead => "DEAD",
        _ => "UNKNOWN",
    };

    private static string Mebibytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture) + " MiB";
}
