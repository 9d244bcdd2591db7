using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Abstractions.Tenants;
using Grid.Grains.Login;
using Grid.Host.Hosting;
using Grid.Host.SignIn;
using Microsoft.Extensions.Options;

namespace Grid.Host.Login;

// The SMS forms of the login page and the password reset by SMS code (LoginEndpoints' own file is the pages and the
// WeCom sign-in).
internal static partial class LoginEndpoints
{
    // "Send a code" on the login page (a login code) or on the reset page (a reset code): that page again, the code form showing.
    private static async Task<IResult> CodeSendAsync(
        HttpContext http, string tenant, IGrainFactory grains, IOptions<LoginOptions> options, SmsSignIn sms, SmsCodePurpose purpose)
    {
        var (post, refused) = await ReadPostAsync(http, tenant, options);
        if (post is null)
        {
            return refused!;
        }

        var (status, notice, mobile) = await SendCodeAsync(http, tenant, post, purpose, sms);
        var progress = new SmsProgress(mobile, mobile.Length > 0);
        return purpose == SmsCodePurpose.Login
            ? await RenderLoginAsync(http, tenant, grains, options, post.ConnectorId, post.ReturnTo, "", notice, status, progress)
            : await RenderResetAsync(http, tenant, grains, post.ConnectorId, post.ReturnTo, progress, notice, status);
    }

    private static async Task<IResult> SmsSignInAsync(
        HttpContext http,
        string tenant,
        IGrainFactory grains,
        IOptions<LoginOptions> options,
        SmsSignIn sms,
        GridPublicAddress publicAddress,
        ILoggerFactory loggers)
    {
        var (post, refused) = await ReadPostAsync(http, tenant, options);
        if (post is null)
        {
            return refused!;
        }

        var mobile = post.Form["mobile"].ToString();
        var code = post.Form["code"].ToString();
        var normalized = mobile.Length <= 32 ? UniqueValues.Normalize(UniqueField.Mobile, mobile) : null;
        if (normalized is null || code.Length is 0 or > 16)
        {
            return await RenderLoginAsync(http, tenant, grains, options, post.ConnectorId, post.ReturnTo, "", "Enter your mobile number and the code from the SMS.", StatusCodes.Status400BadRequest, new SmsProgress(mobile, normalized is not null));
        }

        if (await ReturnDestinationAsync(grains, tenant, post, publicAddress) is not { } destination)
        {
            return await RenderLoginAsync(http, tenant, grains, options, post.ConnectorId, "", "", "The address to return to is not one this organization allows.", StatusCodes.Status400BadRequest);
        }

        var result = await sms.SignInAsync(tenant, post.ConnectorId, normalized, code, ClientOf(http), http.RequestAborted);
        if (result.Session is not { } session)
        {
            var (status, notice) = Refusal(result, "The code is not right, or it has expired or been used. Ask for a new code.");
            return await RenderLoginAsync(http, tenant, grains, options, post.ConnectorId, post.ReturnTo, "", notice, status, new SmsProgress(mobile, true));
        }

        return SignedIn(http, tenant, session, post.ReturnTo.Length > 0 ? destination.AbsoluteUri : "", loggers);
    }

    private static Task<IResult> ResetPageAsync(HttpContext http, string tenant, IGrainFactory grains, IOptions<LoginOptions> options) =>
        RenderResetAsync(http, tenant, grains, ConnectorOf(http.Request.Query["connector"].ToString(), options),
            http.Request.Query["return_to"].ToString(), new SmsProgress("", false), notice: null, StatusCodes.Status200OK);

    private static async Task<IResult> ResetAsync(
        HttpContext http, string tenant, IGrainFactory grains, IOptions<LoginOptions> options, SmsSignIn sms)
    {
        var (post, refused) = await ReadPostAsync(http, tenant, options);
        if (post is null)
        {
            return refused!;
        }

        var mobile = post.Form["mobile"].ToString();
        var code = post.Form["code"].ToString();
        var password = post.Form["new_password"].ToString();
        var normalized = mobile.Length <= 32 ? UniqueValues.Normalize(UniqueField.Mobile, mobile) : null;
        var progress = new SmsProgress(mobile, normalized is not null);
        if (normalized is null || code.Length is 0 or > 16)
        {
            return await RenderResetAsync(http, tenant, grains, post.ConnectorId, post.ReturnTo, progress, "Enter your mobile number and the code from the SMS.", StatusCodes.Status400BadRequest);
        }

        if (!PasswordPolicy.Allows(password))
        {
            return await RenderResetAsync(http, tenant, grains, post.ConnectorId, post.ReturnTo, progress, $"The new password must be {PasswordPolicy.MinLength} to {PasswordPolicy.MaxLength} characters.", StatusCodes.Status400BadRequest);
        }

        var result = await sms.ResetPasswordAsync(tenant, post.ConnectorId, normalized, code, password, http.RequestAborted);
        if (result.Outcome != SignInOutcome.Succeeded)
        {
            var (status, notice) = Refusal(result, "The code is not right, or it has expired or been used. Ask for a new code.");
            return await RenderResetAsync(http, tenant, grains, post.ConnectorId, post.ReturnTo, progress, notice, status);
        }

        return Page(http, StatusCodes.Status200OK, LoginPages.PasswordChanged(tenant, LoginAddress(tenant, post.ConnectorId, post.ReturnTo, options)));
    }

    // Sends a code to the posted mobile: the answer's status and notice, and the mobile as given (empty when invalid).
    private static async Task<(int Status, string Notice, string Mobile)> SendCodeAsync(
        HttpContext http, string tenant, FallbackPost post, SmsCodePurpose purpose, SmsSignIn sms)
    {
        var mobile = post.Form["mobile"].ToString();
        if (mobile.Length > 32 || UniqueValues.Normalize(UniqueField.Mobile, mobile) is not { } normalized)
        {
            return (StatusCodes.Status400BadRequest, "Enter a mobile number (11 digits, with or without +86).", "");
        }

        var sent = await sms.SendAsync(
            tenant, post.ConnectorId, purpose, normalized, http.Connection.RemoteIpAddress?.ToString() ?? "", http.RequestAborted);
        var result = sent.Result;
        if (result.Outcome == SignInOutcome.Succeeded)
        {
            var lifetime = http.RequestServices.GetRequiredService<IOptions<Grains.Sessions.SessionOptions>>().Value.SmsCodes.Lifetime;
            var minutes = Math.Max(1, (int)Math.Round(lifetime.TotalMinutes));
            return (StatusCodes.Status200OK, $"If {mobile} is the mobile of an account, a code is on its way by SMS. It is valid for {minutes} minutes.", mobile);
        }

        var (status, notice) = Refusal(result, "");
        return (status, notice, result.Outcome == SignInOutcome.Throttled ? mobile : "");
    }

    // A refused fallback step as the page's status and notice; a wrong credential is told with the flow's own words.
    private static (int Status, string Notice) Refusal(SignInResult result, string invalidCredentials) => result.Outcome switch
    {
        SignInOutcome.InvalidCredentials => (StatusCodes.Status401Unauthorized, invalidCredentials),
        SignInOutcome.Locked => (StatusCodes.Status429TooManyRequests, $"Too many failed sign-ins: password sign-in of this account is locked. Try again in {Minutes(result.RetryAfter)} minute(s)."),
        SignInOutcome.Throttled => (StatusCodes.Status429TooManyRequests, $"{Sentence(result.Message)} Try again in {Wait(result.RetryAfter)}."),
        SignInOutcome.AccountUnavailable => (StatusCodes.Status403Forbidden, Sentence(result.Message)),
        SignInOutcome.Unavailable => (StatusCodes.Status503ServiceUnavailable, "Codes by SMS cannot be sent at the moment. Use another way to sign in, or ask your administrator."),
        _ => (StatusCodes.Status400BadRequest, "This way of signing in is not enabled for this organization."),
    };

    private static int Minutes(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));

    private static string Wait(TimeSpan wait) =>
        wait < TimeSpan.FromMinutes(2) ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds" : $"{Minutes(wait)} minutes";

    private static string Sentence(string message) => char.ToUpperInvariant(message[0]) + message[1..] + ".";

    private static async Task<IResult> RenderResetAsync(
        HttpContext http, string tenant, IGrainFactory grains, string? connectorId, string returnTo, SmsProgress progress, string? notice, int status)
    {
        if (!GridKeys.IsValidTenantId(tenant) || await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenant)).Get() is not { } view)
        {
            return Page(http, StatusCodes.Status404NotFound, LoginPages.Error("Not found", "There is no organization by this name here.", null));
        }

        var options = http.RequestServices.GetRequiredService<IOptions<LoginOptions>>();
        var connector = connectorId is null ? null : await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenant, connectorId)).Get();
        if (connector is not { Features.PasswordFallback: true } || !http.RequestServices.GetRequiredService<SmsCodeDelivery>().IsAvailable)
        {
            return Page(http, StatusCodes.Status404NotFound, LoginPages.Error(
                "Cannot reset the password", "Resetting a password by SMS is not available for this organization. Ask your administrator.", LoginPath(tenant)));
        }

        var form = new LoginPages.SmsForm(LoginPath(tenant) + "/reset/send", LoginPath(tenant) + "/reset", connectorId!, returnTo, progress.Mobile, progress.CodeSent);
        return Page(http, status, LoginPages.Reset(view.DisplayName, form, LoginAddress(tenant, connectorId!, returnTo, options), notice));
    }
}
