using Grid.Abstractions;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Grid.Host.Grpc;

/// <summary>
/// Turns a grain's <see cref="GridException"/> into the matching gRPC status, so that services stay thin adapters
/// that call grains without wrapping every call.
/// </summary>
internal sealed class GridExceptionInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (GridException ex)
        {
            throw RpcErrors.FromGridException(ex);
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
        catch (GridException ex)
        {
            throw RpcErrors.FromGridException(ex);
        }
    }
}
