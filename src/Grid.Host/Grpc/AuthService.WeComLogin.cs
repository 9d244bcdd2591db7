using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Login;
using Grid.Contracts.V1;
using Grid.Host.Login;
using Grid.Host.SignIn;
using Grpc.Core;

namespace Grid.Host.Grpc;

/// <summary>grid.v1.Auth's WeCom sign-in: thin adapters over <see cref="WeComLoginFlow"/>, scope auth.frontend.</summary>
internal sealed partial class AuthService
{
    public override async Task<BeginWeComLoginResponse> BeginWeComLogin(BeginWeComLoginRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.AuthFrontend);
        if (string.IsNullOrEmpty(request.ConnectorId))
        {
            RpcErrors.InvalidArgument("connector_id", "required");
        }

        var mode = request.Mode switch
        {
            WeComLoginMode.Qr => LoginMode.Qr,
            WeComLoginMode.Web => LoginMode.Web,
            _ => throw RpcErrors.InvalidArgumentException("mode", "required: QR or WEB"),
        };
        Uri? redirect = null;
        if (request.RedirectUri.Length > 0
            && (!Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out redirect)
                || (redirect.Scheme != Uri.UriSchemeHttp && redirect.Scheme != Uri.UriSchemeHttps)
                || redirect.Fragment.Length > 0 || redirect.UserInfo.Length > 0))
        {
            RpcErrors.InvalidArgument("redirect_uri", "must be an absolute http(s) URL without fragment or user");
        }

        var begun = await RunAsync(() => loginFlow.BeginAsync(
            request.TenantId,
            request.ConnectorId,
            mode,
            redirect,
            pageDomain: null,
            request.ReturnTo.Length > 0 ? request.ReturnTo : null,
            request.KnownUserid.Length > 0 ? request.KnownUserid : null));
        return new BeginWeComLoginResponse
        {
            Url = begun.Url,
            State = begun.State,
            BrowserBinding = begun.BrowserBinding,
            ExpiresAt = Timestamp.FromDateTimeOffset(begun.ExpiresAt),
        };
    }

    public override async Task<CompleteWeComLoginResponse> CompleteWeComLogin(CompleteWeComLoginRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.AuthFrontend);
        foreach (var (field, value) in new[] { ("state", request.State), ("code", request.Code), ("browser_binding", request.BrowserBinding) })
        {
            if (value.Length == 0)
            {
                RpcErrors.InvalidArgument(field, "required");
            }
        }

        var completed = await RunAsync(() => loginFlow.CompleteAsync(
            request.TenantId, request.State, request.Code, request.BrowserBinding, request.Client.ToDomain(), context.CancellationToken));
        var response = new CompleteWeComLoginResponse
        {
            Session = completed.Session.ToProto(),
            Account = completed.Session.Account.ToProto(),
            WecomUserid = completed.UserId,
            ConnectorId = completed.ConnectorId,
            ReturnTo = completed.ReturnTo,
        };
        if (completed.ConsentExpiresAt is { } consent)
        {
            response.ConsentExpiresAt = Timestamp.FromDateTimeOffset(consent);
        }

        return response;
    }

    // A refused sign-in step as the status its problem stands for; the message is the flow's, meant for people.
    private static async Task<T> RunAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (LoginException refused)
        {
            throw refused.Problem switch
            {
                LoginProblem.NotFound => new RpcException(new Status(StatusCode.NotFound, refused.Message)),
                LoginProblem.ReturnAddressRefused => RpcErrors.InvalidArgumentException("return_to", refused.Message),
                LoginProblem.WeComRefused => new RpcException(new Status(StatusCode.Unauthenticated, refused.Message)),
                LoginProblem.WeComUnavailable => new RpcException(new Status(StatusCode.Unavailable, refused.Message)),
                LoginProblem.AccountDisabled or LoginProblem.NoAccount => new RpcException(new Status(StatusCode.PermissionDenied, refused.Message)),
                _ => new RpcException(new Status(StatusCode.FailedPrecondition, refused.Message)),
            };
        }
    }
}
