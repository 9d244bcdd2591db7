using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Grid.Host.SignIn;

namespace Grid.Host.Login;

/// <summary>
/// The sign-in pages' HTML: plain, server-rendered, accessible (language, landmarks, labelled controls, errors
/// announced as alerts), working without JavaScript and loading nothing from elsewhere.
/// </summary>
internal static class LoginPages
{
    // Chinese names stay readable in the page source; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:32em;margin:2em auto;padding:0 1em;line-height:1.5;color:#1a1a1a}"
        + "h1{font-size:1.5em}.option{display:block;margin:.75em 0;padding:.75em 1em;border:1px solid #555;border-radius:4px;"
        + "color:#0b3d91;text-decoration:none;font-weight:600}.option:focus,.option:hover{background:#eef3fb;outline:2px solid #0b3d91}"
        + "[role=alert]{border-left:4px solid #b00020;padding:.5em 1em;background:#fdecee}"
        + "label{display:block;margin-top:.5em}input{font:inherit;padding:.3em;width:100%;box-sizing:border-box}"
        + "button{font:inherit;margin-top:.75em;padding:.4em 1.2em}footer{margin-top:2em;color:#555;font-size:.9em}";

    /// <summary>One sign-in option on the login page: a link (WeCom) or a form (fallbacks).</summary>
    public sealed record Option(string Id, string Label, string Href);

    /// <summary>The password form: posts login and password (and the connector and return address) to <c>Action</c>.</summary>
    public sealed record PasswordForm(string Action, string ConnectorId, string ReturnTo, string Login);

    /// <summary>
    /// A form that sends an SMS code (<c>SendAction</c>) and, once one was sent, the form that uses it
    /// (<c>UseAction</c>): the SMS sign-in, or the password reset (with a new password).
    /// </summary>
    public sealed record SmsForm(string SendAction, string UseAction, string ConnectorId, string ReturnTo, string Mobile, bool CodeSent);

    public static string Login(
        string organization, IReadOnlyList<Option> options, PasswordForm? password, SmsForm? sms, string? resetHref, string? notice)
    {
        var body = new StringBuilder();
        body.Append("<p>Choose how to sign in.</p>");
        if (notice is not null)
        {
            body.Append("<p role=\"alert\">").Append(Html(notice)).Append("</p>");
        }

        if (options.Count == 0 && password is null && sms is null)
        {
            body.Append("<p role=\"alert\">No way of signing in is enabled for this organization. Ask your administrator.</p>");
        }

        body.Append("<nav aria-label=\"Sign-in options\">");
        foreach (var option in options)
        {
            body.Append("<a class=\"option\" id=\"").Append(Html(option.Id)).Append("\" href=\"").Append(Html(option.Href)).Append("\">")
                .Append(Html(option.Label)).Append("</a>");
        }

        body.Append("</nav>");
        if (password is not null)
        {
            body.Append("<form method=\"post\" action=\"").Append(Html(password.Action)).Append("\" aria-labelledby=\"password-heading\">")
                .Append("<h2 id=\"password-heading\">Or sign in with a password</h2>")
                .Append("<input type=\"hidden\" name=\"connector\" value=\"").Append(Html(password.ConnectorId)).Append("\">")
                .Append("<input type=\"hidden\" name=\"return_to\" value=\"").Append(Html(password.ReturnTo)).Append("\">")
                .Append("<label for=\"login\">Username, email or mobile</label>")
                .Append("<input id=\"login\" name=\"login\" autocomplete=\"username\" required value=\"").Append(Html(password.Login)).Append("\">")
                .Append("<label for=\"password\">Password</label>")
                .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>")
                .Append("<button type=\"submit\">Sign in</button></form>");
            if (resetHref is not null)
            {
                body.Append("<p><a id=\"forgot-password\" href=\"").Append(Html(resetHref)).Append("\">Forgot your password?</a></p>");
            }
        }

        if (sms is not null)
        {
            body.Append("<section aria-labelledby=\"sms-heading\"><h2 id=\"sms-heading\">Or sign in with a code by SMS</h2>");
            SmsForms(body, sms, "Sign in", "");
            body.Append("</section>");
        }

        return Page($"Sign in to {organization}", body.ToString());
    }

    /// <summary>The password reset: a code by SMS to the account's mobile, then the code and the new password.</summary>
    public static string Reset(string organization, SmsForm form, string loginPage, string? notice)
    {
        var body = new StringBuilder();
        body.Append("<p>Get a code by SMS on your account's mobile, then choose a new password. Your other sign-ins end.</p>");
        if (notice is not null)
        {
            body.Append("<p role=\"alert\">").Append(Html(notice)).Append("</p>");
        }

        SmsForms(body, form, "Set the new password",
            "<label for=\"new-password\">New password (at least " + PasswordPolicy.MinLength + " characters)</label>"
            + "<input id=\"new-password\" name=\"new_password\" type=\"password\" autocomplete=\"new-password\" required minlength=\""
            + PasswordPolicy.MinLength + "\" maxlength=\"" + PasswordPolicy.MaxLength + "\">");
        body.Append("<p><a id=\"back-to-login\" href=\"").Append(Html(loginPage)).Append("\">Back to the login page</a></p>");
        return Page($"Reset your password for {organization}", body.ToString());
    }

    public static string PasswordChanged(string organization, string loginPage) => Page(
        "Password changed",
        $"<p id=\"password-changed\">Your password for {Html(organization)} is changed, and your other sign-ins have ended.</p>"
        + $"<p><a class=\"option\" id=\"back-to-login\" href=\"{Html(loginPage)}\">Sign in</a></p>");

    // The send form, then (once a code was sent) the form that uses it with any extra fields.
    private static void SmsForms(StringBuilder body, SmsForm form, string useLabel, string extraFields)
    {
        body.Append("<form method=\"post\" action=\"").Append(Html(form.SendAction)).Append("\">");
        Hidden(body, form);
        body.Append("<label for=\"sms-mobile\">Mobile number</label>")
            .Append("<input id=\"sms-mobile\" name=\"mobile\" type=\"tel\" autocomplete=\"tel\" required value=\"").Append(Html(form.Mobile)).Append("\">")
            .Append("<button type=\"submit\" id=\"sms-send\">").Append(form.CodeSent ? "Send a new code" : "Send a code").Append("</button></form>");
        if (form.CodeSent)
        {
            body.Append("<form method=\"post\" action=\"").Append(Html(form.UseAction)).Append("\">");
            Hidden(body, form);
            body.Append("<input type=\"hidden\" name=\"mobile\" value=\"").Append(Html(form.Mobile)).Append("\">")
                .Append("<label for=\"sms-code\">Code from the SMS (6 digits)</label>")
                .Append("<input id=\"sms-code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\" maxlength=\"6\" required>")
                .Append(extraFields)
                .Append("<button type=\"submit\" id=\"sms-use\">").Append(Html(useLabel)).Append("</button></form>");
        }
    }

    private static void Hidden(StringBuilder body, SmsForm form) =>
        body.Append("<input type=\"hidden\" name=\"connector\" value=\"").Append(Html(form.ConnectorId)).Append("\">")
            .Append("<input type=\"hidden\" name=\"return_to\" value=\"").Append(Html(form.ReturnTo)).Append("\">");

    /// <summary>Who is signed in; <paramref name="emailPage"/> when the account has no email yet (a personal one may be given).</summary>
    public static string SignedIn(string displayName, string organization, string? emailPage) => Page(
        "Signed in",
        $"<p id=\"signed-in\">You are signed in to {Html(organization)} as <strong>{Html(displayName)}</strong>.</p>"
        + (emailPage is null ? "" : $"<p><a class=\"option\" id=\"give-email\" href=\"{Html(emailPage)}\">Your account has no email: add a personal one</a></p>"));

    /// <summary>
    /// The account's email: WeCom's (<paramref name="weComEmail"/>, which always wins), else the personal one and
    /// whether it is verified, with the form that gives one (<paramref name="action"/>; null when none may be given).
    /// </summary>
    public static string PersonalEmail(string? weComEmail, Abstractions.Sessions.PersonalEmail? personal, string? action, string? notice)
    {
        var body = new StringBuilder();
        if (notice is not null)
        {
            body.Append("<p role=\"alert\">").Append(Html(notice)).Append("</p>");
        }

        if (!string.IsNullOrEmpty(weComEmail))
        {
            body.Append("<p id=\"email-state\">Your account's email is <strong>").Append(Html(weComEmail)).Append("</strong>, from WeCom.</p>");
        }
        else if (personal is not null)
        {
            body.Append("<p id=\"email-state\">Your personal email is <strong>").Append(Html(personal.Address)).Append("</strong>: ")
                .Append(personal.Verified ? "verified." : "unverified until you open the link sent to it.").Append("</p>");
        }
        else
        {
            body.Append("<p id=\"email-state\">Your account has no email.</p>");
        }

        if (action is not null)
        {
            body.Append("<form method=\"post\" action=\"").Append(Html(action)).Append("\">")
                .Append("<label for=\"email\">Personal email</label>")
                .Append("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required maxlength=\"254\">")
                .Append("<button type=\"submit\" id=\"email-send\">Send a confirmation link</button></form>");
        }
        else if (string.IsNullOrEmpty(weComEmail))
        {
            body.Append("<p>Personal emails cannot be confirmed here just now. Ask your administrator.</p>");
        }

        return Page("Your email", body.ToString());
    }

    public static string EmailSent(string address, TimeSpan lifetime) => Page(
        "Check your email",
        $"<p id=\"email-sent\">A confirmation link is on its way to <strong>{Html(address)}</strong>. It expires in "
        + $"{Math.Max(1, (int)Math.Round(lifetime.TotalMinutes))} minutes; until you open it the address stays unverified.</p>");

    /// <summary>The mailed link's page: a button that posts the token (fetching the link alone confirms nothing).</summary>
    public static string ConfirmEmail(string action, string token) => Page(
        "Confirm your email",
        $"<form method=\"post\" action=\"{Html(action)}\"><input type=\"hidden\" name=\"token\" value=\"{Html(token)}\">"
        + "<p>Confirm that this email address is yours.</p><button type=\"submit\" id=\"email-confirm\">Confirm my email</button></form>");

    public static string EmailConfirmed(string message, string emailPage) => Page(
        "Email confirmed",
        $"<p id=\"email-confirmed\">{Html(message)}</p><p><a class=\"option\" href=\"{Html(emailPage)}\">Your email</a></p>");

    public static string Error(string title, string message, string? loginPage)
    {
        var body = new StringBuilder();
        body.Append("<p role=\"alert\" id=\"error\">").Append(Html(message)).Append("</p>");
        if (loginPage is not null)
        {
            body.Append("<p><a class=\"option\" id=\"start-again\" href=\"").Append(Html(loginPage)).Append("\">Back to the login page</a></p>");
        }

        return Page(title, body.ToString());
    }

    internal static string Page(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{Html(title)}</title><style>{Style}</style></head>"
        + $"<body><main><h1>{Html(title)}</h1>{body}</main><footer>Grid identity</footer></body></html>";

    internal static string Html(string text) => Encoder.Encode(text);
}
