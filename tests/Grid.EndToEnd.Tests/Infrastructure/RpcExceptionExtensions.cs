using Google.Rpc;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Infrastructure;

public static class RpcExceptionExtensions
{
    /// <summary>The google.rpc.BadRequest details of an INVALID_ARGUMENT status, or null.</summary>
    public static BadRequest? GetBadRequest(this RpcException exception) => exception.GetRpcStatus()?.GetDetail<BadRequest>();
}
