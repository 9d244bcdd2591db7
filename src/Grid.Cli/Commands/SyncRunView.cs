using Grid.Contracts.V1;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>How sync runs look in tables.</summary>
internal static class SyncRunView
{
    public static string State(SyncRun run) => run.State.ToString().ToUpperInvariant();

    public static bool Succeeded(SyncRun run) => run.State is SyncRunState.Succeeded or SyncRunState.Planned;

    public static string Planned(SyncRun run) => Counts(run.Planned);

    /// <summary>What the symbols of <see cref="Counts"/> mean, printed under every table that shows counts.</summary>
    public const string Legend =
        "org/acct: + created, = adopted (match rule), ~ updated or moved, - deleted (accounts: disabled or deleted); "
        + "userid: WeCom userids changed; unchanged: members with nothing to write; failed: steps that failed; "
        + "superseded (when any): steps not applied because a change callback applied newer data during the run";

    public static string Counts(SyncCounts? c) => c is null
        ? ""
        : $"org +{c.OrganizationsCreated} ~{c.OrganizationsUpdated} -{c.OrganizationsDeleted}, "
          + $"acct +{c.AccountsCreated} ={c.AccountsAdopted} ~{c.AccountsUpdated} -{c.AccountsDeleted}, "
          + $"userid {c.UseridsChanged}, unchanged {c.Unchanged}, failed {c.Failed}"
          + (c.Superseded > 0 ? $", superseded {c.Superseded}" : "");

    public static void Render(IAnsiConsole console, SyncRun run)
    {
        var table = new Table().AddColumn("run").AddColumn("value");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("run_id", run.RunId);
        Row("state", State(run) + (run.DryRun ? " (dry run)" : ""));
        Row("trigger", run.Trigger.ToString());
        Row("requested_by", run.RequestedBy);
        Row("started_at", run.StartedAt?.ToDateTimeOffset().ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        Row("ended_at", run.EndedAt?.ToDateTimeOffset().ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "(active)");
        Row("fetched", $"{run.DepartmentsFetched} departments, {run.MembersFetched} members");
        Row("planned", Planned(run));
        Row("applied", Counts(run.Applied));
        Row("plan_steps", run.PlanStepCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (run.Protection is { Exceeded: true } protection)
        {
            Row("protection", protection.Reason);
        }

        if (!string.IsNullOrEmpty(run.Message))
        {
            Row("message", run.Message);
        }

        console.Write(table);
        console.WriteLine(Legend);
    }
}
