using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions.Sessions;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Grid.Host.Oidc;

/// <summary>
/// Whether the browser's Grid session may answer an authorization request: <c>prompt=login</c> and <c>max_age</c>
/// (OpenID Connect Core 3.1.2.1) ask for a fresh sign-in. The request Grid sends back through the login page carries
/// <see cref="Parameter"/>, a mark of the session it refused (a hash, "0" for none), and drops <c>prompt=login</c>: on
/// the way back any other session is the fresh sign-in and satisfies both, without a clock (silos' clocks may
/// differ) and without a loop (max_age=0). The mark is not secret and need not be: the browser's user could as well
/// drop prompt=login from the request; what tells the application when the user signed in is the ID token's
/// <c>auth_time</c>.
/// </summary>
internal static class OidcReauthentication
{
    /// <summary>Grid's own authorization parameter on the way back from the login page.</summary>
    public const string Parameter = "grid_reauth";

    /// <summary>Whether <paramref name="session"/> satisfies the request's prompt=login and max_age at <paramref name="now"/>.</summary>
    public static bool IsSatisfied(OpenIddictRequest request, SessionView session, DateTimeOffset now)
    {
        if ((string?)request.GetParameter(Parameter) is { } refused)
        {
            return !string.Equals(refused, Mark(session.SessionId), StringComparison.Ordinal);
        }

        if (request.HasPromptValue(PromptValues.Login))
        {
            return false;
        }

        return request.MaxAge is not { } maxAge || now <= session.CreatedAt + TimeSpan.FromSeconds(maxAge);
    }

    /// <summary>
    /// The request's parameters for the way back after signing in: prompt without <c>login</c>, and the mark of the
    /// session refused now (<paramref name="refusedSessionId"/>, null when the browser had none).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> ReturnParameters(OpenIddictRequest request, string? refusedSessionId)
    {
        foreach (var (name, value) in request.GetParameters())
        {
            if (name == Parameter)
            {
                continue;
            }

            if (name == Parameters.Prompt)
            {
                var kept = string.Join(' ', (value.ToString() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(prompt => prompt != PromptValues.Login));
                if (kept.Length > 0)
                {
                    yield return KeyValuePair.Create(name, (string?)kept);
                }

                continue;
            }

            yield return KeyValuePair.Create(name, value.ToString());
        }

        yield return KeyValuePair.Create(Parameter, (string?)(refusedSessionId is null ? "0" : Mark(refusedSessionId)));
    }

    // Not the session id itself: the mark travels in addresses (the login page's, the browser's history).
    private static string Mark(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)))[..16];
}
