using Grpc.Core;

namespace Grid.Host.Tests.Grpc;

/// <summary>The least a server call context needs to be for code that reads only its method and cancellation.</summary>
internal sealed class TestServerCallContext(string method) : ServerCallContext
{
    protected override string MethodCore => method;

    protected override string HostCore => "127.0.0.1";

    protected override string PeerCore => "ipv4:127.0.0.1:50000";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => CancellationToken.None;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore { get; } = new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
