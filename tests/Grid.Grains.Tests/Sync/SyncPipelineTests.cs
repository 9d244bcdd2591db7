using System.Collections.Concurrent;
using System.Collections.Immutable;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Grains.Sync;
using Grid.Sync.Mapping;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;
using Grid.WeCom.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Grains.Tests.Sync;

/// <summary>The run's pipeline (fetch → plan → protect → apply) with fakes of WeCom, the roster, the chunks and the grains: no silo.</summary>
public sealed class SyncPipelineTests
{
    private static readonly ConnectorSyncSettings Settings = new(
        new WeComApp("corp-1", "1000002", "secret"),
        "org_sync",
        FieldMappingSet.Default,
        MatchRule: null,
        UserIdChangeMode.Rebind,
        new ProtectionThresholds(MaxAccountDeletes: 1, MaxOrganizationDeletes: 10),
        ContactSync: true);

    private static readonly SourceSnapshot Company = new(
        [new SourceDepartment(1, 0, "Acme", null, 1), new SourceDepartment(2, 1, "Sales", null, 1)],
        [
            new SourceMember { UserId = "lisi", Name = "Li Si", Departments = [2] },
            new SourceMember { UserId = "wangwu", Name = "Wang Wu", Departments = [2] },
            new SourceMember { UserId = "zhangsan", Name = "Zhang San", Departments = [1] },
        ],
        Complete: true);

    private readonly FakeMappedState _mapped = new();
    private readonly FakePlans _plans = new();
    private readonly FakeApplier _applier = new();

    [Fact]
    public async Task FetchAndPlan_WhenTheFetchFails_FailsTheRunAndStoresNoPlan()
    {
        var run = NewRun();

        var error = await Assert.ThrowsAsync<SyncRunFailedException>(() =>
            Pipeline().FetchAndPlanAsync(run, Settings, new FakeSource(null), CancellationToken.None));

        Assert.StartsWith("the fetch from WeCom did not complete, so nothing was planned, applied or deleted", error.Message);
        Assert.Empty(_plans.Chunks);
        Assert.Equal(0, run.PlanStepCount);
    }

    [Fact]
    public async Task FetchAndPlanThenApply_AppliesEveryChunkInPlanOrderAndRecordsEachResult()
    {
        var run = NewRun();
        var pipeline = Pipeline(chunkSize: 2);

        var planned = await pipeline.FetchAndPlanAsync(run, Settings, new FakeSource(Company), CancellationToken.None);
        var checkpoints = 0;
        var finished = await pipeline.ApplyAsync(run, () => Task.FromResult(++checkpoints));

        Assert.False(planned.IsBlocked);
        Assert.True(finished);
        Assert.Equal([1, 1, 2, 1], run.ChunkSizes); // batches by depth, then accounts in chunks of 2: none spans two batches
        Assert.Equal((5L, 4, 2, 3), (run.PlanStepCount, run.NextChunk, run.DepartmentsFetched, run.MembersFetched));
        Assert.Equal(4, checkpoints);
        Assert.Equal(["dept:1", "dept:2"], _applier.Applied.Take(2));
        Assert.Equal((2, 3, 0), (run.Applied.OrganizationsCreated, run.Applied.AccountsCreated, run.Applied.Failed));
        Assert.Equal(run.Planned with { Unchanged = 0 }, run.Applied);
        Assert.Equal("wecom:corp-1", _applier.Context?.ExternalIdSource);
        Assert.Equal(5, _mapped.Recorded.Count);
        Assert.All(_plans.Outcomes.Values.SelectMany(results => results), result => Assert.Equal(SyncStepOutcome.Applied, result.Outcome));
        Assert.Equal((SyncRunState.Succeeded, ""), SyncPipeline.Outcome(run));
    }

    [Fact]
    public async Task Apply_WhenAStepFails_CountsItFailedAndRecordsOnlyTheOthers()
    {
        var run = NewRun();
        var pipeline = Pipeline();
        await pipeline.FetchAndPlanAsync(run, Settings, new FakeSource(Company), CancellationToken.None);
        _applier.Failing.Add("user:wangwu");

        await pipeline.ApplyAsync(run, () => Task.CompletedTask);

        Assert.Equal((3, 2), (run.Applied.Failed + run.Applied.AccountsCreated, run.Applied.AccountsCreated));
        Assert.DoesNotContain("user:wangwu", _mapped.Recorded);
        Assert.Equal(4, _mapped.Recorded.Count);
        Assert.Equal((SyncRunState.PartiallySucceeded, "1 of 5 steps failed; see the plan's outcomes"), SyncPipeline.Outcome(run));
    }

    [Fact]
    public async Task Apply_WhenCancelledDuringAChunk_StopsBeforeTheNextChunkAndKeepsTheCheckpoint()
    {
        var run = NewRun();
        var pipeline = Pipeline(chunkSize: 2);
        await pipeline.FetchAndPlanAsync(run, Settings, new FakeSource(Company), CancellationToken.None);

        var finished = await pipeline.ApplyAsync(run, () =>
        {
            run.CancelRequested = true;
            return Task.CompletedTask;
        });

        Assert.False(finished);
        Assert.Equal(1, run.NextChunk);
        Assert.Equal(["dept:1"], _applier.Applied);
    }

    [Fact]
    public async Task FetchAndPlan_WhenThePlanDeletesMoreThanTheThreshold_IsBlockedAndAppliesNothing()
    {
        var before = new MappedState(
            [],
            [
                new("gone1", new MappedMember("acc_1", default, default, ["org_sync"], AccountStatus.Active)),
                new("gone2", new MappedMember("acc_2", default, default, ["org_sync"], AccountStatus.Active)),
            ]);
        _mapped.State = before;
        var run = NewRun();

        var planned = await Pipeline().FetchAndPlanAsync(run, Settings, new FakeSource(Company), CancellationToken.None);

        Assert.True(planned.IsBlocked);
        Assert.Equal((true, 2, 1), (run.Protection?.Exceeded, run.Protection?.AccountDeletes, run.Protection?.MaxAccountDeletes));
        Assert.Empty(_applier.Applied);
    }

    private static SyncRunRecord NewRun() => new() { RunId = "run-1", State = SyncRunState.Fetching };

    private SyncPipeline Pipeline(int chunkSize = 1000) => new(
        _mapped,
        _plans,
        _applier,
        new SyncOptions { ChunkSize = chunkSize, ApplyParallelism = 4 },
        TimeProvider.System,
        NullLogger.Instance,
        "tenant-1",
        "wecom");

    private sealed class FakeSource(SourceSnapshot? snapshot) : ISnapshotSource
    {
        public long Completed => 1;

        public long Total => 1;

        public bool CrossCheckSkipped => false;

        public Task<SourceSnapshot> FetchAsync(WeComApp app, CancellationToken cancellationToken) =>
            snapshot is null ? throw new HttpRequestException("connection refused") : Task.FromResult(snapshot);
    }

    private sealed class FakeMappedState : IMappedStateStore
    {
        public MappedState State { get; set; } = MappedState.Empty;

        public ConcurrentBag<string> Recorded { get; } = [];

        public Task<(MappedState Mapped, IReadOnlyDictionary<string, string> Renames)> ReadAsync() =>
            Task.FromResult((State, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>()));

        public Task<(MappedState Mapped, IReadOnlyDictionary<string, string> Renames)> ReadEntriesAsync(
            IReadOnlyCollection<string> userIds, IReadOnlyCollection<long> departmentIds) =>
            Task.FromResult((
                new MappedState(
                    State.Departments.Where(d => departmentIds.Contains(d.Key)),
                    State.Members.Where(m => userIds.Contains(m.Key, StringComparer.OrdinalIgnoreCase))),
                (IReadOnlyDictionary<string, string>)new Dictionary<string, string>()));

        public Task<IReadOnlyDictionary<string, string>> FindAdoptionCandidatesAsync(
            SourceSnapshot snapshot, MappedState mapped, IReadOnlyDictionary<string, string> renames, ConnectorSyncSettings settings, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

        public Task RecordAsync(ImmutableArray<SyncStepRecord> steps, IReadOnlyList<SyncStepResult> results, SyncStepContext context)
        {
            foreach (var (step, result) in steps.Zip(results))
            {
                if (result.Outcome == SyncStepOutcome.Applied)
                {
                    Recorded.Add(step.View.Source);
                }
            }

            return Task.CompletedTask;
        }
    }

    private sealed class FakePlans : IPlanStore
    {
        public List<ImmutableArray<SyncStepRecord>> Chunks { get; } = [];

        public ConcurrentDictionary<int, ImmutableArray<SyncStepResult>> Outcomes { get; } = new();

        public Task StoreAsync(string runId, IReadOnlyList<ImmutableArray<SyncStepRecord>> chunks)
        {
            Chunks.AddRange(chunks);
            return Task.CompletedTask;
        }

        public Task<ImmutableArray<SyncStepRecord>> GetAsync(string runId, int chunk) => Task.FromResult(Chunks[chunk]);

        public Task RecordOutcomesAsync(string runId, int chunk, ImmutableArray<SyncStepResult> results)
        {
            Outcomes[chunk] = results;
            return Task.CompletedTask;
        }

        public void Forget(string runId, int chunks) => Chunks.Clear();
    }

    private sealed class FakeApplier : IStepApplier
    {
        public List<string> Applied { get; } = [];

        public HashSet<string> Failing { get; } = [];

        public SyncStepContext? Context { get; private set; }

        public Task<SyncStepApplied> ApplyAsync(SyncStepRecord step, SyncStepContext context)
        {
            Context = context;
            if (Failing.Contains(step.View.Source))
            {
                throw new InvalidOperationException("the account grain refused");
            }

            lock (Applied)
            {
                Applied.Add(step.Step is DepartmentStep department ? $"dept:{department.DepartmentId}" : step.View.Source);
            }

            return Task.FromResult(new SyncStepApplied(null));
        }
    }
}
