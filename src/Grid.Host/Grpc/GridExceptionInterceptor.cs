using Grid.Abstractions;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Grid.Host.Grpc;

/// <summary>
/// Turns a grain's <see cref="GridException"/> into the matching gRPC status, and a transient Orleans failure (see
/// <see cref="ClusterFailures"/>) into UNAVAILABLE, so that services stay thin adapters that call grains without
/// wrapping every call, and a silo's loss never reaches callers as UNKNOWN.
/// </summary>
internal sealed partial class GridExceptionInterceptor(ILogger<GridExceptionInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } status)
        {
            throw status;
        }
    }

    /// <summary>The status to answer instead of <paramref name="exception"/>, or null to let it through.</summary>
    internal RpcException? Translate(Exception exception, ServerCallContext context)
    {
        if (exception is GridException refusal)
        {
            return RpcErrors.FromGridException(refusal);
        }

        if (exception is RpcException || ClusterFailures.FindTransient(exception) is not { } transient)
        {
            return null;
        }

        // The type only: an Orleans message may describe the request, and a log line must not carry what it held.
        LogUnavailable(logger, context.Method, transient.GetType().Name);
        return ClusterFailures.Unavailable();
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "gRPC call {Method} answered UNAVAILABLE: {FailureType} from the cluster")]
    private static partial void LogUnavailable(ILogger logger, string method, string failureType);
}
