using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Sync.Tests.Support;

/// <summary>Planner calls with test defaults: sync node "sync-node", predictable ids, no adoption candidates.</summary>
internal static class Plans
{
    public const string SyncNode = "sync-node";

    public static SyncSettings Settings { get; } = new() { SyncNode = SyncNode };

    public static SyncPlan Plan(
        SourceSnapshot snapshot,
        MappedState? state = null,
        SyncSettings? settings = null,
        IReadOnlyDictionary<string, string>? candidates = null,
        SequentialIds? ids = null,
        PlanScope? scope = null) =>
        SyncPlanner.Plan(
            snapshot,
            state ?? MappedState.Empty,
            settings ?? Settings,
            candidates ?? new Dictionary<string, string>(),
            (ids ?? new SequentialIds()).Next,
            scope);

    /// <summary>A platform and mapped state as they are after a first run over <paramref name="snapshot"/>.</summary>
    public static TestApplier FirstRun(SourceSnapshot snapshot, SyncSettings? settings = null)
    {
        var applier = new TestApplier(SyncNode);
        applier.Apply(Plan(snapshot, settings: settings, ids: new SequentialIds("first-")));
        return applier;
    }

    public static T Single<T>(SyncPlan plan)
        where T : SyncStep => Assert.IsType<T>(Assert.Single(plan.Steps));
}
