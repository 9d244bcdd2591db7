using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Model;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Grpc;

[Collection(GridHostCollection.Name)]
public sealed class SyncTests(GridHostFixture host)
{
    [Fact]
    public async Task DryRun_WatchedToItsEnd_KeepsAPagedPlan_AndAppliesNothing()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.ForSimulator(host, tenantId, "main"), auth);

        var started = await host.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = "main", DryRun = true }, auth);
        var updates = await WatchToEndAsync(tenantId, started.Run.RunId, token);
        var plan = new List<PlanStep>();
        var pageToken = "";
        long total;
        do
        {
            var page = await host.AdminClient().GetSyncRunAsync(new GetSyncRunRequest
            {
                TenantId = tenantId, ConnectorId = "main", RunId = started.Run.RunId, IncludePlan = true, PlanPageSize = 10, PlanPageToken = pageToken,
            }, auth);
            Assert.InRange(page.PlanSteps.Count, 0, 10);
            plan.AddRange(page.PlanSteps);
            pageToken = page.NextPlanPageToken;
            total = page.PlanStepCount;
        }
        while (pageToken != "");
        var runs = await host.AdminClient().ListSyncRunsAsync(new ListSyncRunsRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        var accounts = await host.DirectoryClient().ListAccountsAsync(new ListAccountsRequest { TenantId = tenantId }, auth);

        var final = updates[^1];
        Assert.True(final.State == SyncRunState.Planned, $"the dry run ended {final.State}: {final.Message}");
        Assert.NotNull(final.EndedAt);
        Assert.True(final.DryRun);
        Assert.True(plan.Count > 0, "the plan is empty");
        Assert.Equal(total, plan.Count);
        Assert.Equal(Enumerable.Range(0, plan.Count).Select(i => (long)i), plan.Select(s => s.Index));
        Assert.All(plan, step => Assert.Equal(StepOutcome.Pending, step.Outcome));
        Assert.Contains(runs.Runs, run => run.RunId == started.Run.RunId);
        Assert.Empty(accounts.Accounts);
    }

    [Fact]
    public async Task FullRun_WatchedToItsEnd_CreatesTheAccounts_ThatLookupByWeComUseridFinds()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.ForSimulator(host, tenantId, "main"), auth);

        var started = await host.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        var final = (await WatchToEndAsync(tenantId, started.Run.RunId, token))[^1];
        var member = host.Simulator.Company.Members[0];
        var found = await host.DirectoryClient().LookupAccountAsync(
            new LookupAccountRequest { TenantId = tenantId, ConnectorId = "main", WecomUserid = member.UserId }, auth);
        var approveEnded = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ApproveSyncRunAsync(
            new ApproveSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = started.Run.RunId }, auth).ResponseAsync);
        var cancelEnded = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().CancelSyncRunAsync(
            new CancelSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = started.Run.RunId }, auth).ResponseAsync);

        Assert.True(final.State == SyncRunState.Succeeded, $"the run ended {final.State}: {final.Message}");
        Assert.True(final.Applied.AccountsCreated > 0, "no account was created");
        Assert.Contains(found.Account.ExternalIds, id => id.Value == member.UserId);
        Assert.Equal(StatusCode.FailedPrecondition, approveEnded.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, cancelEnded.StatusCode);
    }

    [Fact]
    public async Task PreviewMapping_ShowsStoredAndProposedMappings_NamesErrors_AndFindsTheAccountTheMatchRuleAdopts()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.ForSimulator(host, tenantId, "main"), auth);
        var member = host.Simulator.Company.Members[0];
        var started = await host.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        Assert.Equal(SyncRunState.Succeeded, (await WatchToEndAsync(tenantId, started.Run.RunId, token))[^1].State);

        var sample = await host.AdminClient().PreviewMappingAsync(
            new PreviewMappingRequest { TenantId = tenantId, ConnectorId = "main", SampleSize = 3 }, auth);
        var stored = await host.AdminClient().PreviewMappingAsync(
            new PreviewMappingRequest { TenantId = tenantId, ConnectorId = "main", Userids = { member.UserId, "no-such-member" } }, auth);
        var proposed = await host.AdminClient().PreviewMappingAsync(new PreviewMappingRequest
        {
            TenantId = tenantId,
            ConnectorId = "main",
            Userids = { member.UserId },
            FieldMappings = new FieldMappings
            {
                Account =
                {
                    new FieldMapping { Target = "username", Expression = "lower(userid) + \"@corp\"" },
                    new FieldMapping { Target = "display_name", Expression = "upper(name" },
                    new FieldMapping { Target = "job_title", Expression = "no_such_field" },
                },
                MatchRule = new MatchRule(),
            },
        }, auth);
        var synced = await host.DirectoryClient().LookupAccountAsync(
            new LookupAccountRequest { TenantId = tenantId, ConnectorId = "main", WecomUserid = member.UserId }, auth);

        Assert.Equal(3, sample.Members.Count);
        Assert.All(sample.Members, m => Assert.False(string.IsNullOrEmpty(m.AccountFields["username"]), $"{m.Userid} has no username"));
        Assert.Equal(2, stored.Members.Count);
        var known = stored.Members[0];
        Assert.Equal(member.UserId, known.Userid);
        Assert.Equal(member.UserId, known.AccountFields["username"]);
        Assert.Equal(member.Name, known.AccountFields["display_name"]);
        Assert.Empty(known.Errors);
        Assert.Equal(synced.Account.AccountId, known.MatchedAccountId);
        Assert.Contains("userid", stored.Members[1].Errors.Keys);
        var tried = Assert.Single(proposed.Members);
        Assert.Equal(member.UserId.ToLowerInvariant() + "@corp", tried.AccountFields["username"]);
        Assert.Contains("display_name", tried.Errors.Keys);
        Assert.Contains("job_title", tried.Errors.Keys);
        Assert.Equal("", tried.MatchedAccountId);
    }

    [Fact]
    public async Task PreviewMapping_WithBadArguments_IsInvalidArgumentNamingTheField_OrNotFound()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.ForSimulator(host, tenantId, "main"), auth);
        var tooMany = new PreviewMappingRequest { TenantId = tenantId, ConnectorId = "main" };
        tooMany.Userids.AddRange(Enumerable.Range(0, 51).Select(i => $"user{i}"));

        var sizeError = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().PreviewMappingAsync(
            new PreviewMappingRequest { TenantId = tenantId, ConnectorId = "main", SampleSize = 51 }, auth).ResponseAsync);
        var idsError = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().PreviewMappingAsync(tooMany, auth).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().PreviewMappingAsync(
            new PreviewMappingRequest { TenantId = tenantId, ConnectorId = "nope" }, auth).ResponseAsync);

        Assert.Equal("sample_size", sizeError.GetBadRequest()!.FieldViolations[0].Field);
        Assert.Equal("userids", idsError.GetBadRequest()!.FieldViolations[0].Field);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ProtectedRun_ShowsItsPlan_ThenApproveAppliesIt_AndCancelEndsTheNext_BothAudited()
    {
        // A company of its own: this test deletes members, which the other tests' shared company must not see.
        var company = CompanyGenerator.Generate(seed: Random.Shared.Next(1000, int.MaxValue), members: 12, departments: 3);
        host.Simulator.Simulator.AddCompany(company);
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        var configure = ConnectorSamples.ForCompany(company, tenantId, "main", "127.0.0.2");
        configure.Thresholds = new SyncThresholds { MaxAccountDeletes = 2, MaxOrganizationDeletes = 10 };
        await host.AdminClient().ConfigureWeComAsync(configure, auth);
        var first = await host.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        Assert.Equal(SyncRunState.Succeeded, (await WatchToEndAsync(tenantId, first.Run.RunId, token))[^1].State);
        // Active ones: the generated company has some disabled and not-activated members, whose accounts are not Active.
        var leaving = company.Members.Where(m => m.Status == MemberStatus.Active).Take(3).Select(m => m.UserId).ToList();
        foreach (var userId in leaving)
        {
            company.DeleteMember(userId);
        }

        var protectedRun = await host.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        var held = (await WatchToEndAsync(tenantId, protectedRun.Run.RunId, token))[^1];
        var plan = await host.AdminClient().GetSyncRunAsync(new GetSyncRunRequest
        {
            TenantId = tenantId, ConnectorId = "main", RunId = held.RunId, IncludePlan = true, PlanPageSize = 1000,
        }, auth);
        var stillThere = await host.DirectoryClient().LookupAccountAsync(
            new LookupAccountRequest { TenantId = tenantId, ConnectorId = "main", WecomUserid = leaving[0] }, auth);
        var approved = await host.AdminClient().ApproveSyncRunAsync(
            new ApproveSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = held.RunId }, auth);
        var applied = (await WatchToEndAsync(tenantId, held.RunId, token))[^1];
        var approveAgain = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ApproveSyncRunAsync(
            new ApproveSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = held.RunId }, auth).ResponseAsync);
        var gone = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().GetAccountAsync(
            new GetAccountRequest { TenantId = tenantId, AccountId = stillThere.Account.AccountId }, auth).ResponseAsync);

        foreach (var userId in company.Members.Take(3).Select(m => m.UserId).ToList())
        {
            company.DeleteMember(userId);
        }

        var next = await host.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        var heldAgain = (await WatchToEndAsync(tenantId, next.Run.RunId, token))[^1];
        var canceled = await host.AdminClient().CancelSyncRunAsync(
            new CancelSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = heldAgain.RunId, Reason = "checking with HR" }, auth);
        var audit = await host.AdminClient().ListAuditEntriesAsync(
            new ListAuditEntriesRequest { TenantId = tenantId, ConnectorId = "main", PageSize = 100 }, auth);

        Assert.True(held.State == SyncRunState.Protected, $"the run ended {held.State}: {held.Message}");
        Assert.True(held.Protection.Exceeded);
        Assert.Equal(3, held.Protection.AccountDeletes);
        Assert.Equal(0, held.Applied.AccountsDeleted);
        Assert.Equal(plan.PlanStepCount, plan.PlanSteps.Count);
        Assert.Equal(3, plan.PlanSteps.Count(step => leaving.Contains(step.Source.Replace("user:", "", StringComparison.Ordinal)) && step.Outcome == StepOutcome.Pending));
        Assert.Equal(AccountStatus.Active, stillThere.Account.Status);
        Assert.Equal(SyncRunState.Applying, approved.Run.State);
        Assert.True(applied.State == SyncRunState.Succeeded, $"the approved run ended {applied.State}: {applied.Message}");
        Assert.Equal(3, applied.Applied.AccountsDeleted);
        Assert.NotEqual("", applied.ApprovedBy);
        Assert.Equal(StatusCode.FailedPrecondition, approveAgain.StatusCode);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.Equal(SyncRunState.Protected, heldAgain.State);
        Assert.Equal(SyncRunState.Cancelled, canceled.Run.State);
        Assert.Contains("checking with HR", canceled.Run.Message, StringComparison.Ordinal);
        var actions = audit.Entries.Select(e => e.Action).ToList();
        Assert.Equal(3, actions.Count(a => a == "sync.start"));
        Assert.Contains(audit.Entries, e => e.Action == "sync.approve" && e.Target.EndsWith(held.RunId, StringComparison.Ordinal));
        Assert.Contains(audit.Entries, e => e.Action == "sync.cancel" && e.Summary.Contains("checking with HR", StringComparison.Ordinal));
    }

    private async Task<List<SyncRun>> WatchToEndAsync(string tenantId, string runId, string token)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = host.AdminClient().WatchSyncRun(
            new WatchSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = runId },
            GridHostFixture.Bearer(token), cancellationToken: timeout.Token);
        var updates = new List<SyncRun>();
        await foreach (var update in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            updates.Add(update.Run);
        }

        Assert.True(updates.Count > 0, "WatchSyncRun sent no update");
        Assert.NotNull(updates[^1].EndedAt);
        return updates;
    }
}
