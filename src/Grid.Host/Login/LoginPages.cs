using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

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

    public static string Login(string organization, IReadOnlyList<Option> options, PasswordForm? password, string? notice)
    {
        var body = new StringBuilder();
        body.Append("<p>Choose how to sign in.</p>");
        if (notice is not null)
        {
            body.Append("<p role=\"alert\">").Append(Html(notice)).Append("</p>");
        }

        if (options.Count == 0 && password is null)
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
        }

        return Page($"Sign in to {organization}", body.ToString());
    }

    public static string SignedIn(string displayName, string organization) => Page(
        "Signed in",
        $"<p id=\"signed-in\">You are signed in to {Html(organization)} as <strong>{Html(displayName)}</strong>.</p>");

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
