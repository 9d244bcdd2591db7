using System.Text;
using Grid.Abstractions.Oidc;
using Grid.Host.Login;

namespace Grid.Host.Oidc;

/// <summary>
/// The consent page, in the login pages' style: what the application asks to learn, and two buttons. The form posts
/// the authorization request's parameters back to the authorize endpoint with the answer.
/// </summary>
internal static class ConsentPage
{
    public const string AnswerField = "consent";

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [OidcScopes.OpenId] = "Know who you are (your account id)",
        [OidcScopes.Profile] = "Your name and username",
        [OidcScopes.Email] = "Your email address",
        [OidcScopes.Phone] = "Your mobile number",
        [OidcScopes.Organizations] = "The organizations you belong to",
        [OidcScopes.OfflineAccess] = "Stay signed in to it while you are away",
    };

    public static string Render(string organization, string application, IEnumerable<string> scopes, string action, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var body = new StringBuilder();
        body.Append("<p>").Append(LoginPages.Html($"{application} asks to sign you in with your {organization} account and to see:")).Append("</p><ul id=\"scopes\">");
        foreach (var scope in scopes)
        {
            body.Append("<li>").Append(LoginPages.Html(Descriptions.GetValueOrDefault(scope, scope))).Append("</li>");
        }

        body.Append("</ul><form method=\"post\" action=\"").Append(LoginPages.Html(action)).Append("\" aria-label=\"Your answer\">");
        foreach (var (name, value) in parameters)
        {
            body.Append("<input type=\"hidden\" name=\"").Append(LoginPages.Html(name)).Append("\" value=\"").Append(LoginPages.Html(value)).Append("\">");
        }

        body.Append("<button type=\"submit\" id=\"allow\" name=\"").Append(AnswerField).Append("\" value=\"allow\">Allow</button> ")
            .Append("<button type=\"submit\" id=\"deny\" name=\"").Append(AnswerField).Append("\" value=\"deny\">Deny</button></form>")
            .Append("<p>Your answer is remembered; you will not be asked again for these.</p>");
        return LoginPages.Page($"Allow {application}?", body.ToString());
    }
}
