using System.Net;
using System.Net.Sockets;

namespace Grid.Testing;

/// <summary>Free TCP ports on 127.0.0.1, for silo and gateway ports that cannot be 0.</summary>
public static class LoopbackPorts
{
    /// <summary>Free loopback ports, all distinct: held open together, then released for the host to bind.</summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
