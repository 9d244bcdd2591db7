using System.Diagnostics;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Abstractions.Sync;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Hosting;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using Xunit.Abstractions;
using V1 = Grid.Contracts.V1;

namespace Grid.EndToEnd.Tests.Cluster;

/// <summary>
/// The whole cluster stopped (every silo at once, SIGTERM) and started again as three new processes on the same
/// PostgreSQL: the accounts and organizations, the run records, a sign-in session (its refresh token still refreshes,
/// through a token the old cluster issued) and the connector's daily sync reminder are all there.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRestartTests(ITestOutputHelper output)
{
    private const int Members = 200;
    private const int Departments = 10;
    private const string Password = "a whole-cluster restart";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task WholeCluster_StoppedAndStarted_KeepsAccountsRunsSessionsAndReminders()
    {
        var clock = Stopwatch.StartNew();
        await using var simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Seed = 3131, Members = Members, Departments = Departments });
        var company = simulator.Company;
        await using var cluster = await ThreeSiloCluster.StartAsync("restart", simulator.BaseAddress);
        var grains = cluster.Grains;
        var tenantId = await ThreeSiloCluster.CreateTenantAsync(grains, company, "restart", new SyncSchedule(true, "03:00"));
        var coordinator = grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, ThreeSiloCluster.ConnectorId));
        var run = await coordinator.Start(dryRun: false, "e2e");
        Assert.Equal(SyncRunState.Succeeded, (await SyncRunWatch.UntilAsync(coordinator, run.RunId, r => !r.IsActive, Deadline)).State);

        var clientId = ServiceClientIds.New(tenantId);
        var secret = await grains.GetGrain<IServiceClientGrain>(clientId)
            .Create(new ServiceClientRegistration(tenantId, "e2e", [GridScopes.Admin, GridScopes.AuthFrontend], "e2e"));
        var member = company.Members[0].UserId;
        var account = await grains.GetGrain<IDirectoryQueryGrain>(GridKeys.Tenant(tenantId)).FindAccount(UniqueField.Username, member);
        Assert.NotNull(account);
        Metadata caller;
        V1.SignInSession session;
        using (var channel = GrpcChannel.ForAddress(cluster.Running[0].GrpcAddress))
        {
            var token = (await new V1.Auth.AuthClient(channel).IssueTokenAsync(new V1.IssueTokenRequest { ClientId = clientId, ClientSecret = secret })).AccessToken;
            caller = new Metadata { { "authorization", $"Bearer {token}" } };
            await new V1.Admin.AdminClient(channel).SetAccountPasswordAsync(
                new V1.SetAccountPasswordRequest { TenantId = tenantId, AccountId = account.AccountId, Password = Password }, caller);
            session = (await new V1.Auth.AuthClient(channel).PasswordLoginAsync(
                new V1.PasswordLoginRequest { TenantId = tenantId, ConnectorId = ThreeSiloCluster.ConnectorId, Login = member, Password = Password }, caller)).Session;
        }

        var directory = await DirectorySnapshot.ReadAsync(grains, tenantId);
        var runs = (await coordinator.ListRuns(null, 50)).Runs;
        var sessionBefore = await grains.GetGrain<ISessionGrain>(SessionKeys.Session(tenantId, session.SessionId)).Get();
        var reminders = await RemindersAsync(cluster.ServiceId);
        Assert.Contains(reminders, r => r.Contains(GridKeys.Connector(tenantId, ThreeSiloCluster.ConnectorId), StringComparison.Ordinal) && r.Contains("daily-sync", StringComparison.Ordinal));
        var before = clock.Elapsed;

        await cluster.StopAllAsync();
        var stopped = clock.Elapsed;
        await cluster.StartSilosAsync(ThreeSiloCluster.Silos);
        var restarted = clock.Elapsed;
        grains = cluster.Grains;

        directory.AssertSameAs(await DirectorySnapshot.ReadAsync(grains, tenantId), "the directory after the restart");
        var runsAfter = (await grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, ThreeSiloCluster.ConnectorId)).ListRuns(null, 50)).Runs;
        Assert.Equal(runs.Select(Comparable), runsAfter.Select(Comparable));
        Assert.Equal(sessionBefore, await grains.GetGrain<ISessionGrain>(SessionKeys.Session(tenantId, session.SessionId)).Get());
        Assert.Equal(reminders, await RemindersAsync(cluster.ServiceId));

        // A silo of the new cluster accepts the old cluster's service token (the signing keys are stored) and refreshes.
        using (var channel = GrpcChannel.ForAddress(cluster.Running[^1].GrpcAddress))
        {
            var auth = new V1.Auth.AuthClient(channel);
            var refreshed = (await auth.RefreshSessionAsync(new V1.RefreshSessionRequest { TenantId = tenantId, RefreshToken = session.RefreshToken }, caller)).Session;
            var validated = await auth.ValidateTokenAsync(new V1.ValidateTokenRequest { TenantId = tenantId, AccessToken = refreshed.AccessToken }, caller);
            Assert.Equal(session.SessionId, refreshed.SessionId);
            Assert.NotEqual(session.RefreshToken, refreshed.RefreshToken);
            Assert.Equal(account.AccountId, validated.AccountId);
        }

        output.WriteLine($"cluster up, sync of {Members} members, sign-in   {before.TotalSeconds,6:0.0} s");
        output.WriteLine($"whole cluster stopped (SIGTERM, 3 silos)       {(stopped - before).TotalSeconds,6:0.0} s");
        output.WriteLine($"three new silos Active                         {(restarted - stopped).TotalSeconds,6:0.0} s");
        output.WriteLine($"read back and refresh                          {(clock.Elapsed - restarted).TotalSeconds,6:0.0} s");
        output.WriteLine($"total                                          {clock.Elapsed.TotalSeconds,6:0.0} s");
    }

    // The protection verdict holds arrays, which records compare by reference; the rest compares by value.
    private static SyncRun Comparable(SyncRun run) => run with { Protection = null };

    /// <summary>The service's reminder rows as Orleans' reminder service reads them.</summary>
    private static async Task<List<string>> RemindersAsync(string serviceId)
    {
        await using var connection = new NpgsqlConnection(TestPostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_id, reminder_name, start_time, period_ms FROM orleans_reminder WHERE service_id = $1 ORDER BY grain_id, reminder_name", connection);
        command.Parameters.Add(new() { Value = serviceId });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetDateTime(2):O} {reader.GetInt64(3)}");
        }

        return rows;
    }
}
