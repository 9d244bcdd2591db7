using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Grains.Sync.Incremental;
using Grid.Grains.Tests.Sync;
using Grid.WeCom.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Faults;

/// <summary>
/// The fetch and incremental-apply columns of the WeCom fault matrix (tests/README.md), on the test cluster against the
/// simulator. Each fault is injected once (the client retries past it: the run or the change succeeds) and on every
/// attempt (the run fails with a clear message before planning; the change is not applied and is retried by the
/// inbox). Never a delete caused by a fault: only the member WeCom really removed loses its account, and a 60011 on
/// user/get (which WeCom also answers for a member outside the app's visible range) is no delete while user/list_id
/// still lists the member. <see cref="IncrementalFaultMatrixTests"/> runs the incremental column through the inbox.
/// </summary>
[Collection(FaultMatrixCollection.Name)]
public sealed class SyncFaultMatrixTests(FaultMatrixClusterFixture fixture)
{
    private static int _nextEvent;

    public static TheoryData<string, bool> Matrix()
    {
        var data = new TheoryData<string, bool>();
        foreach (var kind in WeComFaults.Kinds)
        {
            data.Add(kind, false);
            data.Add(kind, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task FullSync_WithAFaultDuringTheFetch_SucceedsAfterRetries_OrFailsBeforePlanning_AndDeletesOnlyWhatWeComRemoved(string kind, bool always)
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 8, departments: 3);
        Assert.Equal(SyncRunState.Succeeded, (await scenario.RunAsync()).State);
        var userIds = scenario.Company.Members.Select(m => m.UserId).ToArray();
        var accounts = await AccountsAsync(scenario, userIds);
        var gone = scenario.ActiveMembers[0].UserId;
        scenario.Company.DeleteMember(gone);

        SyncRun run;
        var rule = WeComFaults.Inject(fixture.Simulator.Faults, "user/list", kind, always || !Retried(kind));
        try
        {
            run = await scenario.RunAsync();
        }
        finally
        {
            fixture.Simulator.Faults.Remove(rule);
        }

        Assert.True(rule.Hits > 0, $"{kind}: the fault was never hit");
        var after = await AccountsAsync(scenario, userIds);
        if (!always && Retried(kind))
        {
            Assert.True(run.State == SyncRunState.Succeeded, $"{kind} once: {run.State} {run.Message}");
            Assert.Equal(AccountStatus.Deleted, after[gone]);
            Assert.All(accounts.Keys.Where(u => u != gone), userId => Assert.Equal(accounts[userId], after[userId]));
            return;
        }

        Assert.True(run.State == SyncRunState.Failed, $"{kind}: {run.State} {run.Message}");
        Assert.StartsWith("the fetch from WeCom did not complete, so nothing was planned, applied or deleted", run.Message, StringComparison.Ordinal);
        Assert.Equal(0, run.PlanStepCount);
        Assert.Equal(accounts, after);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task IncrementalUpdate_WithAFaultOnUserGet_IsAppliedAfterRetries_OrThrowsForTheInboxToRetry_AndDeletesNothing(string kind, bool always)
    {
        // A delete budget of 0: a delete planned from a fault would show as Held rather than go unnoticed.
        var scenario = await SyncScenario.CreateAsync(
            fixture, members: 6, departments: 2, thresholds: ProtectionThresholds.Default with { IncrementalMaxAccountDeletes = 0 });
        Assert.Equal(SyncRunState.Succeeded, (await scenario.RunAsync()).State);
        var member = scenario.ActiveMembers[0];
        scenario.Company.UpdateMember(member.UserId, m => m with { Name = "改名" + m.Name });
        var before = (await scenario.AccountOfAsync(member.UserId))!;
        var applier = fixture.SiloServices.GetRequiredService<IContactChangeApplier>();
        var change = new MemberUpdated(scenario.Company.CorpId, DateTimeOffset.UtcNow, member.UserId, null, new MemberFields());

        Exception? failure;
        ContactChangeOutcome? outcome = null;
        var rule = WeComFaults.Inject(fixture.Simulator.Faults, "user/get", kind, always || !Retried(kind));
        try
        {
            failure = await Record.ExceptionAsync(async () => outcome = await applier.ApplyAsync(
                scenario.TenantId, SyncScenario.ConnectorId, "evt-fault-" + Interlocked.Increment(ref _nextEvent), change, CancellationToken.None));
        }
        finally
        {
            fixture.Simulator.Faults.Remove(rule);
        }

        var after = (await scenario.AccountOfAsync(member.UserId))!;
        Assert.Equal(AccountStatus.Active, after.Status);
        if (!always && Retried(kind))
        {
            Assert.True(failure is null, $"{kind} once: {failure}");
            Assert.Equal(ContactChangeOutcome.Applied, outcome);
            Assert.Equal("改名" + member.Name, after.Profile.DisplayName);
            return;
        }

        Assert.True(failure is not null, $"{kind}: the change was {outcome} although WeCom never answered user/get");
        Assert.DoesNotContain("Exception", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before.Profile.DisplayName, after.Profile.DisplayName);
        Assert.Equal(before.OrganizationIds.Order(StringComparer.Ordinal), after.OrganizationIds.Order(StringComparer.Ordinal));
    }

    // The faults the client retries (transient errcodes, 5xx, timeouts, transport errors) or refreshes the token for.
    internal static bool Retried(string kind) => kind is "45009" or "45033" or "42001" or "40014" or "5xx" or "timeout" or "reset" or "truncated";

    private static async Task<Dictionary<string, AccountStatus>> AccountsAsync(SyncScenario scenario, string[] userIds)
    {
        var statuses = new Dictionary<string, AccountStatus>(StringComparer.Ordinal);
        foreach (var userId in userIds)
        {
            statuses[userId] = (await scenario.AccountOfAsync(userId))?.Status ?? AccountStatus.Deleted;
        }

        return statuses;
    }
}
