using System.Reflection;
using Grid.Abstractions;
using Grid.Host.Grpc;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Grid.Host.Tests.Grpc;

/// <summary>
/// Grain refusals become their status; the failures of a cluster in flux (a silo killed, joining or stopping) become
/// UNAVAILABLE with a message that says to retry, never UNKNOWN; anything else is left to gRPC.
/// </summary>
public sealed class GridExceptionInterceptorTests
{
    private const string Method = "/grid.v1.Auth/IssueToken";

    public static TheoryData<Exception> TransientFailures() =>
    [
        Orleans<OrleansMessageRejectionException>("Silo S127.0.0.1:11111:1 is rejecting message: Request gc_acme_1 secret-looking-text"),
        new SiloUnavailableException("The target silo became unavailable for message: Request"),
        new GatewayTooBusyException(),
        new ConnectionFailedException("connection refused"),
        Orleans<OrleansLifecycleCanceledException>("The silo is stopping."),
        new InconsistentStateException("ETag mismatch"),
        new GridStorageException("Grain storage write of 3 state(s) failed after 5 attempt(s): 53300 sorry, too many clients already", "53300", 5, isTransient: true),
        new TimeoutException("Response did not arrive on time in 00:00:30 for message: Request"),
        new OrleansException("outer", new SiloUnavailableException()),
        new AggregateException(Orleans<OrleansMessageRejectionException>("rejected")),
    ];

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task UnaryCall_FailingWithATransientOrleansFailure_IsUnavailableWithARetryMessage(Exception failure)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Interceptor().UnaryServerHandler<string, string>(
            "request", new TestServerCallContext(Method), (_, _) => throw failure));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(ClusterFailures.Message, error.Status.Detail);
        Assert.DoesNotContain("secret", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamingCall_FailingWithATransientOrleansFailure_IsUnavailable()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Interceptor().ServerStreamingServerHandler<string, string>(
            "request", null!, new TestServerCallContext("/grid.v1.Admin/WatchSyncRun"), (_, _, _) => throw new SiloUnavailableException()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task GridRefusals_KeepTheirStatus_AndOtherFailuresPassUntouched()
    {
        var interceptor = Interceptor();
        var context = new TestServerCallContext(Method);

        var conflict = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", context, (_, _) => throw GridException.Conflict("tenant 'acme' already exists")));
        var rpc = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", context, (_, _) => throw new RpcException(new Status(StatusCode.NotFound, "nope"))));
        var bug = await Assert.ThrowsAsync<InvalidOperationException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", context, (_, _) => throw new InvalidOperationException("a bug")));
        var notTransient = await Assert.ThrowsAsync<OrleansConfigurationException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", context, (_, _) => throw new OrleansConfigurationException("misconfigured")));
        var brokenSchema = await Assert.ThrowsAsync<GridStorageException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", context, (_, _) => throw new GridStorageException("42P01 relation does not exist", "42P01", 1, isTransient: false)));

        Assert.Equal(StatusCode.AlreadyExists, conflict.StatusCode);
        Assert.Equal(StatusCode.NotFound, rpc.StatusCode);
        Assert.Equal("a bug", bug.Message);
        Assert.Equal("misconfigured", notTransient.Message);
        Assert.Equal("42P01", brokenSchema.SqlState);
    }

    // Orleans makes these itself (their constructors are internal); the tests need the real types.
    private static TException Orleans<TException>(string message)
        where TException : Exception =>
        (TException)Activator.CreateInstance(typeof(TException), BindingFlags.Instance | BindingFlags.NonPublic, null, [message], null)!;

    private static GridExceptionInterceptor Interceptor() => new(NullLogger<GridExceptionInterceptor>.Instance);
}
