using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grid.Abstractions.Sync;

namespace Grid.Grains.Sync;

/// <summary>
/// Full sync runs' instruments (meter <see cref="MeterName"/>) and spans (activity source <see cref="SourceName"/>:
/// one span per run, with the phases inside it and the WeCom HTTP calls inside the fetch). Tags are the outcome,
/// trigger and phase: never a tenant, connector or user id, whose count has no bound.
/// </summary>
public static class SyncMetrics
{
    public const string MeterName = "Grid.Sync";

    public const string SourceName = "Grid.Sync";

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>(
        "grid.sync.runs", "{run}", "Full sync runs ended (by this silo's driver), by outcome, trigger and dry_run");

    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "grid.sync.run.duration", "s", "Time from a run's start (or resumption on this silo) to its end, by outcome");

    private static readonly Histogram<double> PhaseDuration = Meter.CreateHistogram<double>(
        "grid.sync.phase.duration", "s", "Time of one phase of a run: fetch, plan or apply");

    private static readonly Histogram<long> PlanSteps = Meter.CreateHistogram<long>(
        "grid.sync.plan.steps", "{step}", "Steps of each plan made (unchanged members excluded)");

    private static readonly Counter<long> ProtectedRuns = Meter.CreateCounter<long>(
        "grid.sync.runs.protected", "{run}", "Runs the mass-delete protection stopped before applying");

    internal static void RunEnded(SyncRunRecord run, TimeSpan elapsed)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", run.State.ToString());
        Runs.Add(1, outcome, new("trigger", run.Trigger.ToString()), new("dry_run", run.DryRun));
        RunDuration.Record(elapsed.TotalSeconds, outcome);
    }

    internal static void Phase(string phase, TimeSpan elapsed) =>
        PhaseDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("phase", phase));

    internal static void Planned(long steps, bool blocked)
    {
        PlanSteps.Record(steps);
        if (blocked)
        {
            ProtectedRuns.Add(1);
        }
    }

    /// <summary>A span of one phase of a run, inside the run's span.</summary>
    internal static Activity? StartPhase(string phase) => Source.StartActivity($"sync {phase}");

    /// <summary>The span of one run (tagged with its id, state and trigger) in the current trace.</summary>
    internal static Activity? StartRun(SyncRunRecord run)
    {
        var activity = Source.StartActivity("sync run");
        activity?.SetTag("grid.sync.run_id", run.RunId);
        activity?.SetTag("grid.sync.trigger", run.Trigger.ToString());
        activity?.SetTag("grid.sync.dry_run", run.DryRun);
        return activity;
    }

    internal static void End(Activity? activity, SyncRunState state)
    {
        activity?.SetTag("grid.sync.outcome", state.ToString());
        if (state == SyncRunState.Failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }
    }
}
