using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Grpc;

/// <summary>
/// The protos say a page token is only valid with the request that issued it: each paged RPC refuses a token replayed
/// under another scope (another tenant, organization, connector, run or filter) with INVALID_ARGUMENT naming the
/// token's field, instead of reading it as a position in another list.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class PageTokenScopeTests(GridHostFixture host)
{
    [Fact]
    public async Task ListAccounts_RefusesATokenOfAnotherOrganization_TheWholeTenant_OrAnotherTenant()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        var (otherTenantId, otherToken) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        var a = await host.OrganizationAsync(tenantId, "A");
        var b = await host.OrganizationAsync(tenantId, "B");
        foreach (var (name, org) in new[] { ("a1", a), ("a2", a), ("b1", b), ("b2", b) })
        {
            await host.AccountAsync(tenantId, name, org);
        }

        await host.AccountAsync(otherTenantId, "x1", await host.OrganizationAsync(otherTenantId, "X"));
        var auth = GridHostFixture.Bearer(token);
        var ofA = (await ListAccountsAsync(tenantId, a, "", auth)).NextPageToken;
        var ofTenant = (await ListAccountsAsync(tenantId, "", "", auth)).NextPageToken;

        Assert.NotEqual("", ofA);
        Assert.NotEqual("", ofTenant);
        Assert.Single((await ListAccountsAsync(tenantId, a, ofA, auth)).Accounts);
        await AssertRefusedAsync("page_token", () => ListAccountsAsync(tenantId, b, ofA, auth));
        await AssertRefusedAsync("page_token", () => ListAccountsAsync(tenantId, "", ofA, auth));
        await AssertRefusedAsync("page_token", () => ListAccountsAsync(tenantId, a, ofTenant, auth));
        await AssertRefusedAsync("page_token", () => ListAccountsAsync(otherTenantId, "", ofTenant, GridHostFixture.Bearer(otherToken)));
    }

    [Fact]
    public async Task ListOrganizations_RefusesATokenOfAnotherParent_TheWholeTree_OrAnotherTenant()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        var (otherTenantId, otherToken) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        var a = await host.OrganizationAsync(tenantId, "A");
        var b = await host.OrganizationAsync(tenantId, "B");
        foreach (var parent in new[] { a, a, b, b })
        {
            await host.OrganizationAsync(tenantId, "child", parent);
        }

        await host.OrganizationAsync(otherTenantId, "X");
        await host.OrganizationAsync(otherTenantId, "Y");
        var auth = GridHostFixture.Bearer(token);
        var ofA = (await ListChildrenAsync(tenantId, a, "", auth)).NextPageToken;
        var ofTree = (await ListTreeAsync(tenantId, "", auth)).NextPageToken;

        Assert.NotEqual("", ofA);
        Assert.NotEqual("", ofTree);
        await AssertRefusedAsync("page_token", () => ListChildrenAsync(tenantId, b, ofA, auth));
        await AssertRefusedAsync("page_token", () => ListTreeAsync(tenantId, ofA, auth));
        await AssertRefusedAsync("page_token", () => ListChildrenAsync(tenantId, a, ofTree, auth));
        await AssertRefusedAsync("page_token", () => ListTreeAsync(otherTenantId, ofTree, GridHostFixture.Bearer(otherToken)));
    }

    [Fact]
    public async Task ListSyncRuns_AndGetSyncRunsPlan_RefuseATokenOfAnotherTenant_OrAnotherRun()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var (otherTenantId, otherToken) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var otherAuth = GridHostFixture.Bearer(otherToken);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.ForSimulator(host, tenantId, "main"), auth);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.ForSimulator(host, otherTenantId, "main"), otherAuth);
        var first = await DryRunAsync(tenantId, auth);
        var second = await DryRunAsync(tenantId, auth);
        await DryRunAsync(otherTenantId, otherAuth);
        await DryRunAsync(otherTenantId, otherAuth);

        var runsToken = (await ListRunsAsync(tenantId, "", auth)).NextPageToken;
        var planToken = (await GetPlanAsync(tenantId, first, "", auth)).NextPlanPageToken;

        Assert.NotEqual("", runsToken);
        Assert.NotEqual("", planToken);
        Assert.Single((await ListRunsAsync(tenantId, runsToken, auth)).Runs);
        await AssertRefusedAsync("page_token", () => ListRunsAsync(otherTenantId, runsToken, otherAuth));
        await AssertRefusedAsync("plan_page_token", () => GetPlanAsync(tenantId, second, planToken, auth));
    }

    [Fact]
    public async Task ListAuditEntries_RefusesATokenOfAnotherConnectorFilter_OrAnotherTenant()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var (otherTenantId, otherToken) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var otherAuth = GridHostFixture.Bearer(otherToken);
        foreach (var (tenant, credentials) in new[] { (tenantId, auth), (otherTenantId, otherAuth) })
        {
            await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenant, "main"), credentials);
            await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenant, "main"), credentials);
        }

        var ofMain = (await ListAuditAsync(tenantId, "main", "", auth)).NextPageToken;
        var ofAll = (await ListAuditAsync(tenantId, "", "", auth)).NextPageToken;

        Assert.NotEqual("", ofMain);
        Assert.NotEqual("", ofAll);
        Assert.Single((await ListAuditAsync(tenantId, "main", ofMain, auth)).Entries);
        await AssertRefusedAsync("page_token", () => ListAuditAsync(tenantId, "", ofMain, auth));
        await AssertRefusedAsync("page_token", () => ListAuditAsync(tenantId, "main", ofAll, auth));
        await AssertRefusedAsync("page_token", () => ListAuditAsync(otherTenantId, "main", ofMain, otherAuth));
    }

    private static async Task AssertRefusedAsync<T>(string field, Func<Task<T>> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
    }

    private Task<ListAccountsResponse> ListAccountsAsync(string tenantId, string organizationId, string pageToken, Metadata auth) =>
        host.DirectoryClient().ListAccountsAsync(
            new ListAccountsRequest { TenantId = tenantId, OrganizationId = organizationId, PageSize = 1, PageToken = pageToken }, auth).ResponseAsync;

    private Task<ListOrganizationsResponse> ListChildrenAsync(string tenantId, string parentId, string pageToken, Metadata auth) =>
        host.DirectoryClient().ListOrganizationsAsync(
            new ListOrganizationsRequest { TenantId = tenantId, ParentId = parentId, PageSize = 1, PageToken = pageToken }, auth).ResponseAsync;

    private Task<ListOrganizationsResponse> ListTreeAsync(string tenantId, string pageToken, Metadata auth) =>
        host.DirectoryClient().ListOrganizationsAsync(
            new ListOrganizationsRequest { TenantId = tenantId, WholeTree = true, PageSize = 1, PageToken = pageToken }, auth).ResponseAsync;

    private Task<ListSyncRunsResponse> ListRunsAsync(string tenantId, string pageToken, Metadata auth) =>
        host.AdminClient().ListSyncRunsAsync(
            new ListSyncRunsRequest { TenantId = tenantId, ConnectorId = "main", PageSize = 1, PageToken = pageToken }, auth).ResponseAsync;

    private Task<GetSyncRunResponse> GetPlanAsync(string tenantId, string runId, string pageToken, Metadata auth) =>
        host.AdminClient().GetSyncRunAsync(new GetSyncRunRequest
        {
            TenantId = tenantId, ConnectorId = "main", RunId = runId, IncludePlan = true, PlanPageSize = 1, PlanPageToken = pageToken,
        }, auth).ResponseAsync;

    private Task<ListAuditEntriesResponse> ListAuditAsync(string tenantId, string connectorId, string pageToken, Metadata auth) =>
        host.AdminClient().ListAuditEntriesAsync(
            new ListAuditEntriesRequest { TenantId = tenantId, ConnectorId = connectorId, PageSize = 1, PageToken = pageToken }, auth).ResponseAsync;

    // A dry run to its end (Planned): it keeps a plan to page through and writes nothing else.
    private async Task<string> DryRunAsync(string tenantId, Metadata auth)
    {
        var started = await host.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = "main", DryRun = true }, auth);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = host.AdminClient().WatchSyncRun(
            new WatchSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = started.Run.RunId }, auth, cancellationToken: timeout.Token);
        SyncRun? last = null;
        await foreach (var update in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            last = update.Run;
        }

        Assert.True(last?.State == SyncRunState.Planned, $"the dry run ended {last?.State}: {last?.Message}");
        return started.Run.RunId;
    }
}
