using System.Security.Cryptography;
using Grid.Host;
using Grid.Testing;

namespace Grid.EndToEnd.Tests.Sync;

/// <summary>
/// Grid.Host built in this process by <see cref="GridApp.Build"/> in the cluster profile: ADO.NET clustering, grain
/// storage and reminders on the test PostgreSQL under a service id of its own, free loopback ports, the WeCom client
/// pointed at a simulator (quotas off).
/// </summary>
public static class ClusterGridHost
{
    public static Task<InProcessGridHost> StartAsync(Uri wecom, params string[] extraArguments)
    {
        var serviceId = TestPostgresServer.NewServiceId("sync");
        var ports = LoopbackPorts.Free(2);
        return InProcessGridHost.StartAsync(
        [
            .. GridHostArguments.Cluster(TestPostgresServer.ConnectionString, serviceId, serviceId, ports[0], ports[1]),
            $"--Grid:Secrets:MasterKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            .. GridHostArguments.WeCom(wecom),
            "--WeCom:Quotas:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            .. extraArguments,
        ]);
    }
}
