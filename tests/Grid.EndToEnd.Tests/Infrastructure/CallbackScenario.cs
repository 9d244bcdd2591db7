using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Contracts.V1;
using Grid.Testing;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Model;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A company of its own in the host's simulator, a tenant with a connector for it whose first full run succeeded,
/// and the simulator's application delivering that company's change callbacks to the connector's callback URL.
/// </summary>
public sealed class CallbackScenario
{
    public const string ConnectorId = "main";

    /// <summary>The bound of every wait on the host.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly GridHostFixture _host;

    private CallbackScenario(GridHostFixture host, SimulatedCompany company, string tenantId, string token)
    {
        _host = host;
        Company = company;
        TenantId = tenantId;
        Token = token;
        Auth = GridHostFixture.Bearer(token);
    }

    public SimulatedCompany Company { get; }

    public string TenantId { get; }

    public string Token { get; }

    public Metadata Auth { get; }

    public Admin.AdminClient Admin => _host.AdminClient();

    /// <summary>Sets the company up, syncs it once and points its callbacks at the connector.</summary>
    public static async Task<CallbackScenario> StartAsync(
        GridHostFixture host, int members, int departments, UserIdChangeMode userIdChangeMode = UserIdChangeMode.Rebind)
    {
        // A company of its own: its callbacks must reach this test's connector only.
        var company = CompanyGenerator.Generate(seed: Random.Shared.Next(1000, int.MaxValue), members, departments);
        host.Simulator.Simulator.AddCompany(company);
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var scenario = new CallbackScenario(host, company, tenantId, token);
        var configure = ConnectorSamples.ForCompany(company, tenantId, ConnectorId, $"127.0.{Random.Shared.Next(10, 250)}.{Random.Shared.Next(1, 250)}");
        configure.Settings.UseridChangeMode = userIdChangeMode;
        var connector = (await scenario.Admin.ConfigureWeComAsync(configure, scenario.Auth)).Connector;
        var run = await scenario.StartSyncAsync();
        await scenario.WaitForRunAsync(run.RunId, SyncRunState.Succeeded);
        await host.Simulator.Simulator.ConfigureCallbackAsync(company, company.DefaultApp.AgentId, new SimulatedCallbackSettings
        {
            Url = new Uri(connector.CallbackUrl), Token = ConnectorSamples.CallbackToken, EncodingAesKey = ConnectorSamples.EncodingAesKey,
        });
        return scenario;
    }

    public async Task<SyncRun> StartSyncAsync() =>
        (await Admin.StartSyncAsync(new StartSyncRequest { TenantId = TenantId, ConnectorId = ConnectorId }, Auth)).Run;

    public Task<SyncRun> WaitForRunAsync(string runId, SyncRunState state) => Eventually.MatchAsync(
        async () => (await Admin.GetSyncRunAsync(new GetSyncRunRequest { TenantId = TenantId, ConnectorId = ConnectorId, RunId = runId }, Auth)).Run,
        r => r.State == state || r.State is SyncRunState.Failed or SyncRunState.Protected or SyncRunState.Cancelled,
        Bound, $"run {runId} to end", r => $"{r.State}: {r.Message}");

    /// <summary>The position of the tenant's change feed now, to watch from.</summary>
    public Task<long> FeedPositionAsync() =>
        _host.Grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(TenantId)).GetLastSequence();

    /// <summary>The account of a member through Directory.LookupAccount; null when there is none.</summary>
    public async Task<Account?> LookupAsync(string userId)
    {
        try
        {
            return (await _host.DirectoryClient().LookupAccountAsync(
                new LookupAccountRequest { TenantId = TenantId, ConnectorId = ConnectorId, WecomUserid = userId }, Auth)).Account;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The organization a WeCom department is mapped to, from Directory's whole tree; null when there is none.</summary>
    public async Task<Organization?> OrganizationOfAsync(long departmentId)
    {
        var value = departmentId.ToString(CultureInfo.InvariantCulture);
        var request = new ListOrganizationsRequest { TenantId = TenantId, WholeTree = true, PageSize = 1000 };
        do
        {
            var page = await _host.DirectoryClient().ListOrganizationsAsync(request, Auth);
            if (page.Organizations.FirstOrDefault(o => o.ExternalId?.Value == value) is { } found)
            {
                return found;
            }

            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return null;
    }

    /// <summary>Every event the connector's inbox lists, all pages.</summary>
    public async Task<List<WeComEvent>> EventsAsync(WeComEventStatus status = WeComEventStatus.Unspecified)
    {
        var events = new List<WeComEvent>();
        var request = new ListWeComEventsRequest { TenantId = TenantId, ConnectorId = ConnectorId, Status = status, PageSize = 500 };
        do
        {
            var page = await Admin.ListWeComEventsAsync(request, Auth);
            events.AddRange(page.Events);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return events;
    }

    /// <summary>
    /// The tenant's change stream from <paramref name="from"/> until every object in <paramref name="objectIds"/> had
    /// a change that <paramref name="match"/> accepts; the matching changes, one per object.
    /// </summary>
    public async Task<Dictionary<string, WatchChangesResponse>> WatchUntilAsync(
        long from, IReadOnlyCollection<string> objectIds, Func<WatchChangesResponse, bool> match)
    {
        var found = new Dictionary<string, WatchChangesResponse>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(Bound);
        using var call = _host.DirectoryClient().WatchChanges(
            new WatchChangesRequest { TenantId = TenantId, ResumeToken = from.ToString(CultureInfo.InvariantCulture) },
            Auth, cancellationToken: timeout.Token);
        while (found.Count < objectIds.Count)
        {
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token),
                $"the change stream ended with {found.Count} of the {objectIds.Count} expected changes");
            var change = call.ResponseStream.Current;
            if (objectIds.Contains(change.ObjectId) && match(change))
            {
                found.TryAdd(change.ObjectId, change);
            }
        }

        return found;
    }
}
