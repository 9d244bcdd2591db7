using Grid.Testing;

namespace Grid.Host.Tests.Infrastructure;

/// <summary>A Grid.Host silo in a process of its own with the cluster profile's defaults (see <see cref="ClusterHostProcess"/>).</summary>
public sealed class GridHostProcess : ClusterHostProcess
{
    private GridHostProcess(string serviceId, string clusterId, int siloPort, int gatewayPort)
        : base(serviceId, clusterId, siloPort, gatewayPort, [])
    {
    }

    public static GridHostProcess Start(string serviceId, string clusterId, int siloPort, int gatewayPort) =>
        new(serviceId, clusterId, siloPort, gatewayPort);

    /// <summary>Free loopback ports, all distinct (see <see cref="LoopbackPorts.Free"/>).</summary>
    public static int[] FreePorts(int count) => LoopbackPorts.Free(count);
}
