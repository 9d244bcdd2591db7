namespace Grid.Host.Hosting;

/// <summary>
/// The addresses the host actually listens on, known once Kestrel has bound (ports configured as 0 resolve here).
/// </summary>
public sealed class GridEndpoints
{
    private readonly TaskCompletionSource<(Uri Http, Uri Grpc)> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The HTTP/1.1 address (pages, callbacks, JWKS, health).</summary>
    public Uri Http => Bound.Http;

    /// <summary>The HTTP/2 cleartext address of the gRPC services.</summary>
    public Uri Grpc => Bound.Grpc;

    /// <summary>Completes when both endpoints are bound.</summary>
    public Task WhenBound => _bound.Task;

    private (Uri Http, Uri Grpc) Bound => _bound.Task.IsCompletedSuccessfully
        ? _bound.Task.Result
        : throw new InvalidOperationException("The host has not bound its endpoints yet; await WhenBound first.");

    internal void SetBound(Uri http, Uri grpc) => _bound.TrySetResult((http, grpc));
}
