using System.Diagnostics;
using System.Globalization;
using System.Net;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Model;
using Npgsql;

namespace Grid.EndToEnd.Tests.Callbacks;

/// <summary>
/// "Durable before 200" on the cluster profile: a Grid.Host process answers a callback, is SIGKILLed before it could
/// apply it (WeCom's user/get is held up), and a new process on the same PostgreSQL applies the event from the journal.
/// </summary>
public sealed class CallbackDurabilityTests
{
    private const string ConnectorId = "corp";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Callback_AnsweredThenTheHostIsKilled_IsInPostgreSQL_AndAppliedAfterARestart()
    {
        var serviceId = TestPostgresServer.NewServiceId("callbacks");
        await using var simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Seed = 91, Members = 5, Departments = 2 });
        var company = simulator.Company;
        var ports = LoopbackPorts.Free(6);
        string[] Settings(int httpPort) =>
        [
            .. GridHostArguments.WeCom(simulator.BaseAddress),
            "--WeCom:Quotas:Enabled=false",
            $"--Grid:Endpoints:Http=http://127.0.0.1:{httpPort}",
            "--Grid:Events:SweepInterval=00:00:01",
            "--Grid:Silo:Membership:NumVotesForDeathDeclaration=1",
            "--Grid:Silo:Membership:NumMissedProbesLimit=2",
            "--Grid:Silo:Membership:ProbeTimeout=00:00:02",
            "--Logging:LogLevel:Default=Warning",
        ];

        var tenantId = "durable-" + Guid.NewGuid().ToString("N")[..10];
        var newcomer = "durable-newcomer";
        var first = ClusterHostProcess.Start(serviceId, serviceId, ports[0], ports[1], Settings(ports[2]));
        HttpStatusCode answered;
        short statusAfterKill;
        await using (first)
        {
            await using (var cluster = await ConnectAsync(serviceId, first))
            {
                var grains = cluster.Client;
                await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Durable", "UTC");
                await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, ConnectorId)).Configure(Connector(company), "e2e");
                var coordinator = grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, ConnectorId));
                var run = await coordinator.Start(dryRun: false, "e2e");
                await foreach (var update in coordinator.Watch(run.RunId, new CancellationTokenSource(Deadline).Token))
                {
                    Assert.NotEqual(SyncRunState.Failed, update.State);
                }

                company.AddMember(new SimulatedMember { UserId = newcomer, Name = "持久新人", Departments = [company.Departments[0].Id] });

                // The host can fetch the member only after the kill: the event must survive in the journal alone.
                var held = simulator.Faults.Delay("user/get", TimeSpan.FromMinutes(5));
                using var poster = new CallbackPoster(new Uri($"http://127.0.0.1:{ports[2]}"), tenantId, ConnectorId, company.CorpId);
                using var response = await poster.PostEventAsync(CallbackPoster.CreateUser(company.CorpId, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), newcomer));
                answered = response.StatusCode;
                first.Kill();
                simulator.Faults.Remove(held);
            }

            statusAfterKill = await JournalStatusAsync(serviceId, tenantId);
        }

        await using var second = ClusterHostProcess.Start(serviceId, serviceId, ports[3], ports[4], Settings(ports[5]));
        await using var restarted = await ConnectAsync(serviceId, second);
        var account = await Eventually.MatchAsync(
            () => restarted.Client.GetGrain<IDirectoryQueryGrain>(GridKeys.Tenant(tenantId)).FindAccount(UniqueField.Username, newcomer),
            found => found is not null, Deadline, "the event's account after the restart", _ => "(none)" + Environment.NewLine + second.RecentOutput);
        var statusAfterRestart = await Eventually.MatchAsync(
            () => JournalStatusAsync(serviceId, tenantId), status => status == 2, Deadline, "the event to be recorded as applied", s => s.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.True(statusAfterKill is 1 or 5, $"after the kill the journal holds the event as {statusAfterKill} (1 durable or 5 failed expected)");
        Assert.Equal("持久新人", account!.Profile.DisplayName);
        Assert.Equal(2, statusAfterRestart);
    }

    private static WeComConnectorSettings Connector(SimulatedCompany company) => new(
        "Simulated corp", company.CorpId, company.DefaultApp.AgentId.ToString(CultureInfo.InvariantCulture), company.DefaultApp.Secret,
        ConnectorSamples.CallbackToken, ConnectorSamples.EncodingAesKey, null, null, null, [], GridKeys.RootOrganizationId,
        MatchRule.Default, null, UserIdChangeMode.Rebind, null, new SyncSchedule(false, "03:00"),
        new LoginFeatures(ContactSync: true, QrLogin: false, WebLogin: false, PasswordFallback: true, SmsFallback: false));

    private static async Task<short> JournalStatusAsync(string serviceId, string tenantId)
    {
        await using var connection = new NpgsqlConnection(TestPostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status FROM grid_wecom_event WHERE service_id = $1 AND tenant_id = $2", connection);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = tenantId });
        var status = await command.ExecuteScalarAsync();
        return status is short value ? value : (short)0;
    }

    private static async Task<PostgresClusterClient> ConnectAsync(string serviceId, ClusterHostProcess host)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await PostgresClusterClient.ConnectAsync(serviceId, serviceId, gatewayListRefresh: TimeSpan.FromSeconds(1));
            }
            catch (Exception error) when (clock.Elapsed < Deadline && error is not OperationCanceledException)
            {
                // No gateway is Active yet: the process is still starting.
                Assert.False(host.HasExited, "the Grid.Host process exited while starting:" + Environment.NewLine + host.RecentOutput);
            }
        }
    }
}
