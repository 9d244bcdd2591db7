using System.Diagnostics.CodeAnalysis;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grid.Abstractions;
using Grpc.Core;

namespace Grid.Host.Grpc;

/// <summary>
/// The gRPC services' only way to fail: an <see cref="RpcException"/> with an explicit status and a human message.
/// Invalid arguments name the field in the message and in google.rpc.BadRequest details.
/// </summary>
internal static class RpcErrors
{
    private const int MaxDescriptionLength = 512;

    [DoesNotReturn]
    public static void InvalidArgument(string field, string description) => throw InvalidArgumentException(field, description);

    [DoesNotReturn]
    public static void NotFound(string message) => throw new RpcException(new global::Grpc.Core.Status(StatusCode.NotFound, message));

    [DoesNotReturn]
    public static void PermissionDenied(string message) =>
        throw new RpcException(new global::Grpc.Core.Status(StatusCode.PermissionDenied, message));

    [DoesNotReturn]
    public static void Unauthenticated(string message) =>
        throw new RpcException(new global::Grpc.Core.Status(StatusCode.Unauthenticated, message));

    [DoesNotReturn]
    public static void FailedPrecondition(string message) =>
        throw new RpcException(new global::Grpc.Core.Status(StatusCode.FailedPrecondition, message));

    /// <summary>RESOURCE_EXHAUSTED with google.rpc.RetryInfo, and the wait in the message for people.</summary>
    [DoesNotReturn]
    public static void ResourceExhausted(string message, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = $"{message}; retry in {seconds} s",
            Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) }) },
        };
        throw status.ToRpcException();
    }

    public static RpcException InvalidArgumentException(string field, string description) =>
        InvalidArgumentException([new BadRequest.Types.FieldViolation { Field = field, Description = description }], 1);

    /// <summary>
    /// INVALID_ARGUMENT for <paramref name="total"/> problems, of which <paramref name="violations"/> are the first few:
    /// the message names the first, the details list them and count the rest, so that neither outgrows a header.
    /// </summary>
    public static RpcException InvalidArgumentException(IReadOnlyList<BadRequest.Types.FieldViolation> violations, int total)
    {
        var listed = violations.Select(v => new BadRequest.Types.FieldViolation
        {
            Field = Bounded(v.Field), Description = Bounded(v.Description),
        }).ToList();
        var first = listed[0];
        var message = $"{first.Field}: {first.Description}";
        var unlisted = total - listed.Count;
        if (total > 1)
        {
            message += $" (and {total - 1} more problem{(total == 2 ? "" : "s")})";
        }

        var badRequest = new BadRequest { FieldViolations = { listed } };
        if (unlisted > 0)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = "request", Description = $"and {unlisted} more" });
        }

        var status = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = message, Details = { Any.Pack(badRequest) } };
        return status.ToRpcException();
    }

    // Whatever a description echoes, one violation stays a line, not a page: control characters escaped, length cut.
    private static string Bounded(string text) => SafeText.Escape(text, MaxDescriptionLength);

    /// <summary>Maps a grain's refusal to the status its kind stands for, keeping the grain's message.</summary>
    public static RpcException FromGridException(GridException exception)
    {
        if (exception.Kind == GridErrorKind.InvalidArgument)
        {
            var field = exception.Field ?? "request";
            var prefix = field + ": ";
            var description = exception.Message.StartsWith(prefix, StringComparison.Ordinal)
                ? exception.Message[prefix.Length..]
                : exception.Message;
            return InvalidArgumentException(field, description);
        }

        var code = exception.Kind switch
        {
            GridErrorKind.NotFound => StatusCode.NotFound,
            GridErrorKind.Conflict => StatusCode.AlreadyExists,
            GridErrorKind.ResumeTokenExpired => StatusCode.OutOfRange,
            _ => StatusCode.FailedPrecondition,
        };
        return new RpcException(new global::Grpc.Core.Status(code, exception.Message));
    }
}
