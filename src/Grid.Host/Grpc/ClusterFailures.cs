using Grid.Abstractions;
using Grpc.Core;
using Orleans.Runtime.MembershipService;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Grid.Host.Grpc;

/// <summary>
/// The Orleans failures that mean "the cluster cannot serve this right now" rather than "this request is wrong": a
/// silo that died or is leaving (rejected or unroutable messages), a connection that failed, a grain call that timed
/// out, a silo still joining or stopping, a storage write that lost a race with another activation after a failover,
/// a database that stayed overloaded or unreachable through the grain storage's own retries.
/// A retry succeeds once membership settles, so they are answered UNAVAILABLE, which gRPC clients retry.
/// </summary>
internal static class ClusterFailures
{
    /// <summary>The message of every such answer: what happened and what to do, never the exception's own text.</summary>
    public const string Message = "the cluster is temporarily unavailable (a silo left, is joining or is overloaded); retry shortly";

    /// <summary>The transient Orleans failure in <paramref name="exception"/> or its inner exceptions, or null.</summary>
    public static Exception? FindTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (IsTransient(current))
            {
                return current;
            }

            if (current is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                return FindTransient(aggregate.InnerExceptions[0]);
            }
        }

        return null;
    }

    public static RpcException Unavailable() => new(new Status(StatusCode.Unavailable, Message));

    private static bool IsTransient(Exception exception) => exception is
        OrleansMessageRejectionException // includes SiloUnavailableException
        or GatewayTooBusyException
        or ClientNotAvailableException
        or ConnectionFailedException
        or OrleansLifecycleCanceledException
        or OrleansClusterConnectivityCheckFailedException
        or InconsistentStateException
        or GridStorageException { IsTransient: true }
        // A grain call whose response did not arrive within the response timeout (Orleans throws the BCL type).
        or TimeoutException;
}
