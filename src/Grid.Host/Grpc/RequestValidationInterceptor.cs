using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Grid.Host.Grpc;

/// <summary>
/// Refuses a grid.v1 request that breaks <see cref="RequestLimits"/> with INVALID_ARGUMENT (google.rpc.BadRequest)
/// before the service method runs, so no grain sees it. Other services (reflection, health) are left alone.
/// </summary>
internal sealed class RequestValidationInterceptor : Interceptor
{
    private const string ContractPackage = "grid.v1";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Validate(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Validate(request);
        return continuation(request, responseStream, context);
    }

    private static void Validate<TRequest>(TRequest request)
    {
        if (request is IMessage message && message.Descriptor.File.Package == ContractPackage)
        {
            var (violations, total) = RequestValidator.Validate(message);
            if (total > 0)
            {
                throw RpcErrors.InvalidArgumentException(violations, total);
            }
        }
    }
}
