using Grid.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using DirectoryClient = Grid.Contracts.V1.Directory.DirectoryClient;

namespace Grid.Cli.Commands;

/// <summary>An authenticated connection to a Grid server for one command.</summary>
public sealed class GridConnection(GrpcChannel channel, string server, string accessToken, string tenantId) : IDisposable
{
    /// <summary>The server address the connection goes to (<c>--server</c> or the stored one).</summary>
    public string Server { get; } = server;

    /// <summary>The credential's tenant: the default of <c>--tenant</c>.</summary>
    public string TenantId { get; } = tenantId;

    public Admin.AdminClient Admin { get; } = new(channel);

    public DirectoryClient Directory { get; } = new(channel);

    public CallOptions Call(CancellationToken cancellationToken) =>
        new(headers: new Metadata { { "authorization", $"Bearer {accessToken}" } }, cancellationToken: cancellationToken);

    public void Dispose() => channel.Dispose();
}
