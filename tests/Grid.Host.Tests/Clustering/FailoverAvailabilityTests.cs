using System.Collections.Immutable;
using System.Diagnostics;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Tenants;
using Grid.Contracts.V1;
using Grid.Host.Tests.Infrastructure;
using Grid.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Grid.Host.Tests.Clustering;

/// <summary>
/// While the cluster has not yet declared a SIGKILLed silo dead, calls through a survivor whose grains lived on the
/// dead silo fail; they must fail as UNAVAILABLE (which clients retry), never as UNKNOWN, and succeed again once the
/// grains come back on a survivor.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class FailoverAvailabilityTests : IAsyncLifetime
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan Hammering = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    // Orleans' grain call timeout is 30 s: a call may wait that long for a dead silo, and then it is UNAVAILABLE.
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(40);

    private readonly string serviceId = PostgresTestCluster.NewId("service");
    private readonly string clusterId = PostgresTestCluster.NewId("cluster");
    private readonly List<(ClusterHostProcess Process, int GrpcPort)> hosts = [];

    public Task InitializeAsync()
    {
        _ = TestPostgres.ConnectionString;
        var ports = GridHostProcess.FreePorts(9);
        for (var i = 0; i < 3; i++)
        {
            var grpcPort = ports[(3 * i) + 2];
            hosts.Add((ClusterHostProcess.Start(
                serviceId,
                clusterId,
                ports[3 * i],
                ports[(3 * i) + 1],
                $"--Grid:Endpoints:Grpc=http://127.0.0.1:{grpcPort}",
                // A dead silo is declared after two missed probes of two seconds, so the grains come back within the test.
                "--Grid:Silo:Membership:NumMissedProbesLimit=2",
                "--Grid:Silo:Membership:ProbeTimeout=00:00:02",
                "--Logging:LogLevel:Default=Warning"), grpcPort));
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var (process, _) in hosts)
        {
            await process.DisposeAsync();
        }
    }

    [Fact]
    public async Task KilledSilo_CallsThroughASurvivor_AreUnavailableNeverUnknown_AndRecover()
    {
        await Eventually.MatchAsync(
            () => MembershipTable.ReadAsync(clusterId),
            rows => hosts.All(host => rows.Any(row => row.Port == host.Process.SiloPort && row.Status == SiloStatus.Active))
                || hosts.Any(host => host.Process.HasExited),
            JoinTimeout,
            "three Grid.Host processes to be Active in the membership table",
            rows => MembershipTable.Describe(rows) + Environment.NewLine + Outputs());
        Assert.False(hosts.Any(host => host.Process.HasExited), "a Grid.Host process exited while the cluster formed:" + Environment.NewLine + Outputs());

        // A tenant whose audit trail (read by the Admin call) and service client (checked by IssueToken) both live on
        // the silo that is then killed.
        var tenantId = "failover-" + Guid.NewGuid().ToString("N")[..10];
        string clientId, secret;
        (ClusterHostProcess Process, int GrpcPort) victim;
        await using (var cluster = await PostgresClusterClient.ConnectAsync(serviceId, clusterId))
        {
            var grains = cluster.Client;
            var management = grains.GetGrain<IManagementGrain>(0);
            await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Failover", "UTC");
            var log = grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(tenantId));
            await log.GetLastSequence();
            var logSilo = await management.GetActivationAddress(log);
            victim = hosts.Single(host => host.Process.SiloPort == logSilo!.Endpoint.Port);
            (clientId, secret) = await ClientOnAsync(grains, management, tenantId, victim.Process.SiloPort);
        }

        var survivor = hosts.First(host => host != victim);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{survivor.GrpcPort}");
        var auth = new Contracts.V1.Auth.AuthClient(channel);
        var admin = new Admin.AdminClient(channel);
        var tokenRequest = new IssueTokenRequest { ClientId = clientId, ClientSecret = secret };
        var token = (await auth.IssueTokenAsync(tokenRequest, deadline: Deadline())).AccessToken;
        var bearer = new Metadata { { "authorization", $"Bearer {token}" } };
        var read = new ListAuditEntriesRequest { TenantId = tenantId };
        await admin.ListAuditEntriesAsync(read, bearer, Deadline());

        victim.Process.Kill();

        var failures = new List<RpcException>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Hammering)
        {
            await Task.WhenAll(
                CallAsync(failures, async () => await auth.IssueTokenAsync(tokenRequest, deadline: Deadline())),
                CallAsync(failures, async () => await admin.ListAuditEntriesAsync(read, bearer, Deadline())));
        }

        var recovered = await RecoverAsync(() => auth.IssueTokenAsync(tokenRequest, deadline: Deadline()).ResponseAsync);

        var unexpected = failures.Where(failure => failure.StatusCode != StatusCode.Unavailable).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} calls failed otherwise than UNAVAILABLE, e.g. {unexpected.FirstOrDefault()?.Status}");
        Assert.True(failures.Count > 0, "no call failed while the killed silo was not yet declared dead: the test did not reach its grains");
        Assert.All(failures, failure => Assert.Contains("retry", failure.Status.Detail, StringComparison.Ordinal));
        Assert.Equal(tenantId, recovered.TenantId);
    }

    private static DateTime Deadline() => DateTime.UtcNow + CallDeadline;

    private static async Task CallAsync(List<RpcException> failures, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException failure)
        {
            lock (failures)
            {
                failures.Add(failure);
            }
        }
    }

    private static async Task<IssueTokenResponse> RecoverAsync(Func<Task<IssueTokenResponse>> call)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException failure) when (failure.StatusCode == StatusCode.Unavailable && clock.Elapsed < RecoveryTimeout)
            {
                await timer.WaitForNextTickAsync();
            }
        }
    }

    // Service clients are placed on any silo: make them until one lands on the wanted one.
    private static async Task<(string ClientId, string Secret)> ClientOnAsync(
        IGrainFactory grains, IManagementGrain management, string tenantId, int siloPort)
    {
        var registration = new ServiceClientRegistration(tenantId, "failover test", ImmutableArray.Create(GridScopes.Admin), "FailoverAvailabilityTests");
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var clientId = ServiceClientIds.New(tenantId);
            var grain = grains.GetGrain<IServiceClientGrain>(clientId);
            var secret = await grain.Create(registration);
            if ((await management.GetActivationAddress(grain))?.Endpoint.Port == siloPort)
            {
                return (clientId, secret);
            }
        }

        throw new InvalidOperationException($"30 service clients were placed, none on the silo of port {siloPort}");
    }

    private string Outputs() =>
        string.Join(Environment.NewLine, hosts.Select(host => $"--- {host.Process}{(host.Process.HasExited ? " (exited)" : "")}:{Environment.NewLine}{host.Process.RecentOutput}"));
}
