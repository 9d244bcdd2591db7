using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Tenants;
using Grid.Contracts.V1;
using Grid.WeCom.Simulator.Hosting;
using Grpc.Core;
using Grpc.Net.Client;

namespace Grid.EndToEnd.Tests.Sync;

/// <summary>
/// A full sync end to end in the cluster profile: Grid.Host on PostgreSQL (clustering, grain state, reminders), driven
/// through the Admin gRPC API with a real token, fetching from the simulator over HTTP, read back through the Directory
/// API; then a re-run with no change in WeCom.
/// </summary>
public sealed class SyncOnPostgresTests
{
    private const string ConnectorId = "corp";

    [Fact]
    public async Task FullSync_ThroughTheAdminApi_OnPostgreSql_MirrorsTheCompany_AndAReRunChangesNothing()
    {
        await using var simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Seed = 42, Members = 120, Departments = 12 });
        await using var host = await ClusterGridHost.StartAsync(simulator.BaseAddress);
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var admin = new Admin.AdminClient(channel);
        var directory = new Contracts.V1.Directory.DirectoryClient(channel);
        var tenantId = "sync-" + Guid.NewGuid().ToString("N")[..10];
        await host.Grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Sync on PostgreSQL", "Asia/Shanghai");
        var clientId = ServiceClientIds.New(tenantId);
        var secret = await host.Grains.GetGrain<IServiceClientGrain>(clientId)
            .Create(new ServiceClientRegistration(tenantId, "e2e sync", [GridScopes.Admin, GridScopes.DirectoryRead], "e2e"));
        var token = (await new Auth.AuthClient(channel).IssueTokenAsync(new IssueTokenRequest { ClientId = clientId, ClientSecret = secret })).AccessToken;
        var auth = new Metadata { { "authorization", $"Bearer {token}" } };
        var company = simulator.Company;
        await admin.ConfigureWeComAsync(Configure(tenantId, company.CorpId, company.DefaultApp.AgentId, company.DefaultApp.Secret), auth);

        var started = await admin.StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = ConnectorId }, auth);
        var first = await WatchToEndAsync(admin, tenantId, started.Run.RunId, auth);
        var plan = await PlanAsync(admin, tenantId, first.RunId, auth);
        var accounts = await AccountsAsync(directory, tenantId, auth);

        Assert.True(first.State == SyncRunState.Succeeded, $"the run ended {first.State}: {first.Message}");
        Assert.Equal(company.DepartmentCount, first.Applied.OrganizationsCreated);
        Assert.Equal(company.MemberCount, first.Applied.AccountsCreated);
        Assert.Equal(company.DepartmentCount + company.MemberCount, plan.Count);
        Assert.All(plan, step => Assert.Equal(StepOutcome.Applied, step.Outcome));
        Assert.Equal(company.MemberCount, accounts.Count);
        Assert.Equal(
            company.Members.Select(m => m.UserId).Order(StringComparer.Ordinal),
            accounts.Select(a => a.Username).Order(StringComparer.Ordinal));
        foreach (var member in company.Members)
        {
            var account = accounts.Single(a => a.Username == member.UserId);
            Assert.Equal(member.Name, account.DisplayName);
            Assert.Equal(member.Departments.Distinct().Count(), account.OrganizationIds.Count);
            Assert.Contains(account.ExternalIds, id => id.Value == member.UserId);
        }

        var again = await admin.StartSyncAsync(new StartSyncRequest { TenantId = tenantId, ConnectorId = ConnectorId }, auth);
        var second = await WatchToEndAsync(admin, tenantId, again.Run.RunId, auth);
        var runs = await admin.ListSyncRunsAsync(new ListSyncRunsRequest { TenantId = tenantId, ConnectorId = ConnectorId }, auth);

        Assert.True(second.State == SyncRunState.Succeeded, $"the re-run ended {second.State}: {second.Message}");
        Assert.Equal(0, second.PlanStepCount);
        Assert.Equal(company.MemberCount + company.DepartmentCount, second.Planned.Unchanged);
        Assert.Equal([second.RunId, first.RunId], runs.Runs.Select(r => r.RunId));
        Assert.Equal(company.MemberCount, (await AccountsAsync(directory, tenantId, auth)).Count);
    }

    private static ConfigureWeComRequest Configure(string tenantId, string corpId, int agentId, string appSecret) => new()
    {
        TenantId = tenantId,
        ConnectorId = ConnectorId,
        Settings = new WeComSettings
        {
            DisplayName = "Simulated corp",
            CorpId = corpId,
            AgentId = agentId.ToString(CultureInfo.InvariantCulture),
            AppSecret = appSecret,
            CallbackToken = "Token123",
            CallbackEncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE",
            LoginPageDomain = "127.0.0.1",
            AuthorizedCallbackDomain = "127.0.0.1",
            RedirectDomain = "127.0.0.1",
            TrustedIps = { "127.0.0.1" },
            SyncOrganizationId = GridKeys.RootOrganizationId,
            Features = new ConnectorFeatures { ContactSync = true, PasswordFallback = true },
        },
    };

    private static async Task<SyncRun> WatchToEndAsync(Admin.AdminClient admin, string tenantId, string runId, Metadata auth)
    {
        using var call = admin.WatchSyncRun(
            new WatchSyncRunRequest { TenantId = tenantId, ConnectorId = ConnectorId, RunId = runId },
            auth,
            deadline: DateTime.UtcNow.AddMinutes(3));
        SyncRun? last = null;
        await foreach (var update in call.ResponseStream.ReadAllAsync())
        {
            last = update.Run;
        }

        Assert.NotNull(last);
        Assert.NotNull(last.EndedAt);
        return last;
    }

    private static async Task<List<PlanStep>> PlanAsync(Admin.AdminClient admin, string tenantId, string runId, Metadata auth)
    {
        var steps = new List<PlanStep>();
        var pageToken = "";
        do
        {
            var page = await admin.GetSyncRunAsync(
                new GetSyncRunRequest { TenantId = tenantId, ConnectorId = ConnectorId, RunId = runId, IncludePlan = true, PlanPageSize = 50, PlanPageToken = pageToken },
                auth);
            steps.AddRange(page.PlanSteps);
            pageToken = page.NextPlanPageToken;
        }
        while (pageToken != "");

        return steps;
    }

    private static async Task<List<Account>> AccountsAsync(Contracts.V1.Directory.DirectoryClient directory, string tenantId, Metadata auth)
    {
        var accounts = new List<Account>();
        var pageToken = "";
        do
        {
            var page = await directory.ListAccountsAsync(new ListAccountsRequest { TenantId = tenantId, PageSize = 1000, PageToken = pageToken }, auth);
            accounts.AddRange(page.Accounts);
            pageToken = page.NextPageToken;
        }
        while (pageToken != "");

        return accounts;
    }
}
