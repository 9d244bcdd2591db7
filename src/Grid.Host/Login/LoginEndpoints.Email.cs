using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Host.Hosting;
using Grid.Host.SignIn;
using Microsoft.Extensions.Options;

namespace Grid.Host.Login;

/// <summary>
/// The personal email pages: <c>/t/{tenant}/account/email</c> (a signed-in member without a WeCom email gives one;
/// the session cookie names the account) and <c>/t/{tenant}/account/email/confirm</c> (the mailed link: a page whose
/// button posts the token, so that a mail scanner fetching the link confirms nothing).
/// </summary>
internal static partial class LoginEndpoints
{
    public static void MapGridPersonalEmail(this WebApplication app)
    {
        var pages = app.MapGroup("/t/{tenant}/account/email");
        pages.MapGet("", EmailPageAsync);
        pages.MapPost("", GiveEmailAsync).DisableAntiforgery();
        pages.MapGet("/confirm", ConfirmPage);
        pages.MapPost("/confirm", ConfirmEmailAsync).DisableAntiforgery();
    }

    internal static string EmailPath(string tenant) => $"/t/{Uri.EscapeDataString(tenant)}/account/email";

    private static async Task<IResult> EmailPageAsync(HttpContext http, string tenant, IGrainFactory grains, PersonalEmailConfirmation emails)
    {
        if (await SignedInAccountAsync(http, tenant, grains) is not { } account)
        {
            return NotSignedIn(http, tenant);
        }

        return await RenderEmailAsync(http, tenant, account, emails, notice: null, StatusCodes.Status200OK);
    }

    // Same-origin posts only (as the login forms): another site must not set an address on a signed-in member's account.
    private static async Task<IResult> GiveEmailAsync(
        HttpContext http, string tenant, IGrainFactory grains, PersonalEmailConfirmation emails, GridPublicAddress publicAddress, IOptions<Grains.Sessions.SessionOptions> sessions)
    {
        if (!GridKeys.IsValidTenantId(tenant) || !SameOrigin(http))
        {
            return Page(http, StatusCodes.Status400BadRequest, LoginPages.Error("Cannot change the email", "This form is not valid here. Open the email page again.", null));
        }

        if (await SignedInAccountAsync(http, tenant, grains) is not { } account)
        {
            return NotSignedIn(http, tenant);
        }

        if (!PersonalEmailConfirmation.MayGive(account) || !emails.IsAvailable)
        {
            return await RenderEmailAsync(http, tenant, account, emails, null, StatusCodes.Status409Conflict);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (PersonalEmailConfirmation.Normalize(form["email"].ToString()) is not { } address)
        {
            return await RenderEmailAsync(http, tenant, account, emails, "Enter an email address such as name@example.com.", StatusCodes.Status400BadRequest);
        }

        var confirmPage = new Uri(publicAddress.Base, EmailPath(tenant).TrimStart('/') + "/confirm");
        if (await emails.ProposeAsync(tenant, account.AccountId, address, confirmPage, http.RequestAborted) is { } wait)
        {
            return await RenderEmailAsync(http, tenant, account, emails,
                $"Too many confirmation links were asked for. Try again in {Math.Ceiling(wait.TotalMinutes)} minutes.", StatusCodes.Status429TooManyRequests);
        }

        return Page(http, StatusCodes.Status200OK, LoginPages.EmailSent(address, sessions.Value.PersonalEmailTokenLifetime));
    }

    private static IResult ConfirmPage(HttpContext http, string tenant) =>
        GridKeys.IsValidTenantId(tenant)
            ? Page(http, StatusCodes.Status200OK, LoginPages.ConfirmEmail(EmailPath(tenant) + "/confirm", http.Request.Query["token"].ToString()))
            : Page(http, StatusCodes.Status404NotFound, LoginPages.Error("Not found", "There is no organization by this name here.", null));

    private static async Task<IResult> ConfirmEmailAsync(HttpContext http, string tenant, PersonalEmailConfirmation emails)
    {
        if (!GridKeys.IsValidTenantId(tenant) || !SameOrigin(http))
        {
            return Page(http, StatusCodes.Status400BadRequest, LoginPages.Error("Link not valid", "This confirmation form is not valid here. Open the link from the email again.", null));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (status, title, message) = await emails.ConfirmAsync(tenant, form["token"].ToString(), http.RequestAborted) switch
        {
            PersonalEmailCheck.Confirmed => (StatusCodes.Status200OK, "Email confirmed", "Your email is confirmed."),
            PersonalEmailCheck.Expired => (StatusCodes.Status400BadRequest, "Link expired", "This confirmation link has expired. Give your email again to get a new one."),
            PersonalEmailCheck.AlreadyUsed => (StatusCodes.Status400BadRequest, "Link already used", "This confirmation link was already used."),
            _ => (StatusCodes.Status400BadRequest, "Link not valid", "This confirmation link is not valid. Use the newest link you were sent."),
        };
        return Page(http, status, status == StatusCodes.Status200OK
            ? LoginPages.EmailConfirmed(message, EmailPath(tenant))
            : LoginPages.Error(title, message, null));
    }

    private static async Task<IResult> RenderEmailAsync(
        HttpContext http, string tenant, AccountView account, PersonalEmailConfirmation emails, string? notice, int status)
    {
        var personal = await emails.GetAsync(tenant, account.AccountId, http.RequestAborted);
        var form = PersonalEmailConfirmation.MayGive(account) && emails.IsAvailable ? EmailPath(tenant) : null;
        return Page(http, status, LoginPages.PersonalEmail(account.Profile.Email, personal, form, notice));
    }

    // The active account the session cookie names, or null (no cookie, or an invalid, expired or revoked session).
    private static async Task<AccountView?> SignedInAccountAsync(HttpContext http, string tenant, IGrainFactory grains)
    {
        var token = http.Request.Cookies[SessionCookie];
        if (!GridKeys.IsValidTenantId(tenant) || string.IsNullOrEmpty(token)
            || await http.RequestServices.GetRequiredService<SessionTokenValidator>().ValidateAsync(tenant, token, http.RequestAborted) is not { } session)
        {
            return null;
        }

        return await grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, session.AccountId)).Get() is { Status: AccountStatus.Active } account ? account : null;
    }

    private static IResult NotSignedIn(HttpContext http, string tenant) =>
        Page(http, StatusCodes.Status401Unauthorized, LoginPages.Error("Sign in first", "Sign in to see your account's email.", GridKeys.IsValidTenantId(tenant) ? LoginPath(tenant) : null));
}
