using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace Grid.Host.Grpc;

/// <summary>
/// Answers a gRPC call that fails endpoint authorization with a gRPC status (UNAUTHENTICATED or PERMISSION_DENIED and
/// the reason) instead of a bare HTTP 401/403, which clients would only see as "bad gRPC response"; a token that could
/// not be checked because the cluster is in flux gets UNAVAILABLE. Other requests get ASP.NET Core's default behaviour.
/// </summary>
internal sealed partial class GrpcAuthorizationResultHandler(ILogger<GrpcAuthorizationResultHandler> logger)
    : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(
        RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !IsGrpc(context.Request))
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            // The authentication middleware keeps only successful results; ask again for the failure (the handler
            // caches its result for the request, so the token is not validated twice).
            var authentication = await context.AuthenticateAsync();
            if (authentication.Failure is { } failure && ClusterFailures.FindTransient(failure) is { } transient)
            {
                // The token could not be checked (the signing keys are read through Orleans), not found wrong.
                LogUnavailable(logger, context.Request.Path, transient.GetType().Name);
                WriteStatus(context.Response, StatusCode.Unavailable, ClusterFailures.Message);
                return;
            }

            var message = DescribeAuthenticationFailure(authentication);
            LogUnauthenticated(logger, context.Request.Path, message);
            WriteStatus(context.Response, StatusCode.Unauthenticated, message);
            return;
        }

        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(reason => reason.Message).ToList() ?? [];
        var denied = reasons.Count == 0 ? "the access token does not allow this call" : string.Join("; ", reasons);
        LogDenied(logger, context.Request.Path, denied);
        WriteStatus(context.Response, StatusCode.PermissionDenied, denied);
    }

    internal static string DescribeAuthenticationFailure(AuthenticateResult result) => result.Failure switch
    {
        null => "no access token: send 'authorization: Bearer <token>' (get one with grid.v1.Auth/IssueToken)",
        SecurityTokenExpiredException expired => string.Create(
            CultureInfo.InvariantCulture, $"the access token expired at {expired.Expires:yyyy-MM-ddTHH:mm:ssZ}; get a new one with grid.v1.Auth/IssueToken"),
        SecurityTokenNotYetValidException => "the access token is not valid yet (check the clocks)",
        SecurityTokenSignatureKeyNotFoundException => "the access token was not signed by a key of this server",
        SecurityTokenInvalidSignatureException => "the access token's signature is not valid",
        SecurityTokenInvalidAudienceException => "the access token is for another audience",
        SecurityTokenInvalidIssuerException => "the access token is from another issuer",
        SecurityTokenMalformedException => "the access token is malformed",
        _ => "the access token is not valid",
    };

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    // A trailers-only response: the status travels in the response headers and the stream ends without a message.
    private static void WriteStatus(HttpResponse response, StatusCode code, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
    }

    // grpc-message is percent-encoded UTF-8: printable ASCII except '%' passes as is.
    private static string PercentEncode(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "gRPC call {Path} unauthenticated: {Reason}")]
    private static partial void LogUnauthenticated(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "gRPC call {Path} answered UNAVAILABLE: {FailureType} from the cluster while checking its access token")]
    private static partial void LogUnavailable(ILogger logger, string path, string failureType);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "gRPC call {Path} denied: {Reason}")]
    private static partial void LogDenied(ILogger logger, string path, string reason);
}
