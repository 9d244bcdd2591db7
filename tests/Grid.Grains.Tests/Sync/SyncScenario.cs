using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Grains.Tests.Infrastructure;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Model;

namespace Grid.Grains.Tests.Sync;

/// <summary>
/// One test's world: a generated company served by the shared simulator, a fresh tenant, and connector
/// <c>wecom</c> configured against that company with the tenant's root organization as sync node.
/// </summary>
public sealed class SyncScenario
{
    public const string ConnectorId = "wecom";
    public const string Actor = "gc_test_admin";

    // WeCom's published sample EncodingAESKey: 43 characters, base64 of a 32-byte key.
    private const string SampleEncodingAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private static int _nextSeed = Random.Shared.Next(1_000, 1_000_000);

    private SyncScenario(SyncClusterFixture fixture, string tenantId, SimulatedCompany company)
    {
        Fixture = fixture;
        TenantId = tenantId;
        Company = company;
    }

    public SyncClusterFixture Fixture { get; }

    public string TenantId { get; }

    /// <summary>The simulated company; change it to change what the next run fetches.</summary>
    public SimulatedCompany Company { get; }

    /// <summary>The company's members whose WeCom status is active (their accounts are Active after a sync).</summary>
    public IReadOnlyList<SimulatedMember> ActiveMembers => [.. Company.Members.Where(m => m.Status == MemberStatus.Active)];

    public IGrainFactory Grains => Fixture.Client;

    public ISyncCoordinatorGrain Coordinator => Grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(TenantId, ConnectorId));

    public IMappingPreviewGrain Preview => Grains.GetGrain<IMappingPreviewGrain>(GridKeys.Connector(TenantId, ConnectorId));

    public IWeComConnectorGrain Connector => Grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(TenantId, ConnectorId));

    /// <summary>The external-id source of this connector's members and departments.</summary>
    public string ExternalIdSource => "wecom:" + Company.CorpId;

    public static async Task<SyncScenario> CreateAsync(
        SyncClusterFixture fixture,
        int members,
        int departments,
        UserIdChangeMode userIdChangeMode = UserIdChangeMode.Rebind,
        ProtectionThresholds? thresholds = null)
    {
        var company = CompanyGenerator.Generate(Interlocked.Increment(ref _nextSeed), members, departments);
        fixture.Simulator.Simulator.AddCompany(company);
        var tenantId = await TestIds.NewTenantAsync(fixture.Client);
        var scenario = new SyncScenario(fixture, tenantId, company);
        await scenario.ConfigureAsync(userIdChangeMode, thresholds ?? ProtectionThresholds.Default);
        return scenario;
    }

    public async Task ConfigureAsync(UserIdChangeMode userIdChangeMode, ProtectionThresholds thresholds)
    {
        var app = Company.DefaultApp;
        await Connector.Configure(
            new WeComConnectorSettings(
                DisplayName: "WeCom",
                CorpId: Company.CorpId,
                AgentId: app.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                AppSecret: app.Secret,
                CallbackToken: "callbacktoken1",
                EncodingAesKey: SampleEncodingAesKey,
                TrustedDomain: null,
                AuthorizedCallbackDomain: null,
                LoginPageDomain: null,
                EgressIps: [],
                SyncNodeOrganizationId: GridKeys.RootOrganizationId,
                MatchRule: MatchRule.Default,
                FieldMappings: null,
                UserIdChangeMode: userIdChangeMode,
                Thresholds: thresholds,
                Schedule: new SyncSchedule(false, "03:00"),
                Features: new LoginFeatures(ContactSync: true, QrLogin: false, WebLogin: false, PasswordFallback: true, SmsFallback: false)),
            Actor);
    }

    /// <summary>Starts a run and waits for it to stop moving (ended, or Protected).</summary>
    public async Task<SyncRun> RunAsync(bool dryRun = false)
    {
        var started = await Coordinator.Start(dryRun, Actor);
        return await WaitForEndAsync(started.RunId);
    }

    /// <summary>Watches the run until its last update; fails the test when that takes more than a minute.</summary>
    public async Task<SyncRun> WaitForEndAsync(string runId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        SyncRun? last = null;
        try
        {
            await foreach (var update in Coordinator.Watch(runId, timeout.Token))
            {
                last = update;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"Run {runId} did not end within a minute; last seen: {last}");
        }

        Assert.NotNull(last);
        Assert.False(last.IsActive, $"The watch of run {runId} ended while the run was still {last.State}.");
        return last;
    }

    /// <summary>
    /// Watches the run again and again until an update satisfies <paramref name="reached"/>: each watch ends when the
    /// run stops moving as the activation serving it sees it, and a new watch reaches a fresh activation once a
    /// coordinator that lost its memory has deactivated.
    /// </summary>
    public async Task<SyncRun> WaitForStateAsync(string runId, Func<SyncRun, bool> reached, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        SyncRun? last = null;
        try
        {
            while (true)
            {
                try
                {
                    await foreach (var update in Coordinator.Watch(runId, timeout.Token))
                    {
                        last = update;
                        if (reached(update))
                        {
                            return update;
                        }
                    }
                }
                catch (EnumerationAbortedException)
                {
                    // The activation serving the watch went away: the next watch reaches its successor.
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"Run {runId} did not reach {what} within a minute; last seen: {last}");
            throw;
        }
    }

    public async Task<List<SyncRunStep>> PlanAsync(string runId, int pageSize = 7)
    {
        var steps = new List<SyncRunStep>();
        string? token = null;
        do
        {
            var page = await Coordinator.GetPlan(runId, token, pageSize);
            steps.AddRange(page.Steps);
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));

        return steps;
    }

    public IWeComMemberGrain Member(string userId) => Grains.GetGrain<IWeComMemberGrain>(SyncKeys.Member(TenantId, ConnectorId, userId));

    public IWeComDepartmentGrain Department(long departmentId) =>
        Grains.GetGrain<IWeComDepartmentGrain>(SyncKeys.Department(TenantId, ConnectorId, departmentId));

    public IAccountGrain Account(string accountId) => Grains.GetGrain<IAccountGrain>(GridKeys.Account(TenantId, accountId));

    public IOrganizationGrain Organization(string organizationId) =>
        Grains.GetGrain<IOrganizationGrain>(GridKeys.Organization(TenantId, organizationId));

    /// <summary>The account linked to a member, or null.</summary>
    public async Task<AccountView?> AccountOfAsync(string userId)
    {
        var member = await Member(userId).Get();
        return member?.AccountId is { } accountId ? await Account(accountId).Get() : null;
    }

    /// <summary>The organization linked to a department, or null.</summary>
    public async Task<OrganizationView?> OrganizationOfAsync(long departmentId)
    {
        var department = await Department(departmentId).Get();
        return department?.OrganizationId is { } organizationId ? await Organization(organizationId).Get() : null;
    }

    /// <summary>The organization ids of the given WeCom departments, sorted, as an account of their member should have.</summary>
    public async Task<string[]> OrganizationIdsOfAsync(IEnumerable<int> departmentIds)
    {
        var ids = new List<string>();
        foreach (var departmentId in departmentIds.Distinct())
        {
            var department = await Department(departmentId).Get();
            ids.Add(Assert.IsType<string>(department?.OrganizationId));
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }
}
