using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Grains.Sync.Incremental;
using Grid.WeCom.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Sync.Incremental;

/// <summary>
/// A change callback applied while a full run is between its fetch and its apply (here: the run is Protected, so it
/// waits for approval with its plan made from the older snapshot) is neither lost nor reverted by the run.
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class NewerObservationTests(SyncClusterFixture fixture)
{
    [Fact]
    public async Task ChangesAppliedBetweenARunsFetchAndApply_SurviveTheRun_WhoseOlderStepsAreSuperseded()
    {
        var scenario = await SyncScenario.CreateAsync(
            fixture, members: 12, departments: 4, thresholds: new ProtectionThresholds(MaxAccountDeletes: 1, MaxOrganizationDeletes: 10));
        await scenario.RunAsync();
        var members = scenario.ActiveMembers;
        var (renamed, removed, gone1, gone2) = (members[0], members[1], members[2], members[3]);
        var removedAccount = (await scenario.AccountOfAsync(removed.UserId))!.AccountId;
        scenario.Company.UpdateMember(renamed.UserId, m => m with { Name = "第一次改名" });
        scenario.Company.UpdateMember(removed.UserId, m => m with { Position = "快要离开" });
        scenario.Company.DeleteMember(gone1.UserId);
        scenario.Company.DeleteMember(gone2.UserId);
        var run = await scenario.RunAsync();
        Assert.Equal(SyncRunState.Protected, run.State);

        // After the run's fetch: the member is renamed again and another one deleted, and both callbacks are applied.
        scenario.Company.UpdateMember(renamed.UserId, m => m with { Name = "第二次改名" });
        scenario.Company.DeleteMember(removed.UserId);
        var applier = fixture.SiloServices.GetRequiredService<IContactChangeApplier>();
        var corp = scenario.Company.CorpId;
        Assert.Equal(
            ContactChangeOutcome.Applied,
            await applier.ApplyAsync(scenario.TenantId, SyncScenario.ConnectorId, "evt-newer-1", new MemberUpdated(corp, DateTimeOffset.UtcNow, renamed.UserId, null, new MemberFields()), CancellationToken.None));
        Assert.Equal(
            ContactChangeOutcome.Applied,
            await applier.ApplyAsync(scenario.TenantId, SyncScenario.ConnectorId, "evt-newer-2", new MemberDeleted(corp, DateTimeOffset.UtcNow, removed.UserId), CancellationToken.None));

        await scenario.Coordinator.Approve(run.RunId, SyncScenario.Actor);
        var ended = await scenario.WaitForStateAsync(run.RunId, r => !r.IsActive && r.State != SyncRunState.Protected, "its end");

        Assert.Equal(SyncRunState.Succeeded, ended.State);
        Assert.Equal(2, ended.Applied.Superseded);
        Assert.Equal(2, ended.Applied.AccountsDeleted);
        Assert.Equal("第二次改名", (await scenario.AccountOfAsync(renamed.UserId))!.Profile.DisplayName);
        Assert.Equal(AccountStatus.Deleted, (await scenario.Account(removedAccount).Get())!.Status);
        var plan = await scenario.PlanAsync(run.RunId);
        Assert.Equal(SyncStepOutcome.Superseded, plan.Single(s => s.Source == "user:" + renamed.UserId).Outcome);
        Assert.Equal(SyncStepOutcome.Superseded, plan.Single(s => s.Source == "user:" + removed.UserId).Outcome);
        var next = await scenario.RunAsync();
        Assert.DoesNotContain(await scenario.PlanAsync(next.RunId), s => s.Source == "user:" + renamed.UserId || s.Source == "user:" + removed.UserId);
    }
}
