using System.Net;

namespace Grid.EndToEnd.Tests.Login;

/// <summary>
/// Grid's login pages over plain HTTP as a browser without JavaScript uses them: redirects are not followed (each
/// answer is looked at), and cookies are kept by hand, since Grid's are Secure and HttpClient's container would not
/// send them over http on loopback.
/// </summary>
internal sealed class LoginPageClient(Uri address) : IDisposable
{
    /// <summary>The session cookie the login pages set (README, Sign-in pages).</summary>
    public const string SessionCookie = "grid_session";

    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };

    /// <summary>The cookies this browser holds, by name.</summary>
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>GET a path of Grid's (with this browser's cookies; optionally as reached on another host[:port]).</summary>
    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        var response = await _http.SendAsync(request);
        foreach (var (name, value) in SetCookies(response))
        {
            if (value.Length == 0)
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = value;
            }
        }

        return response;
    }

    /// <summary>Begins a WeCom sign-in on the page with <see cref="LoginScenario.ConnectorId"/>: Grid's answer (a 302 to WeCom, or an error page).</summary>
    public Task<HttpResponseMessage> BeginAsync(string tenantId, string? returnTo = null, string? host = null) =>
        GetAsync(
            $"/t/{tenantId}/login/wecom?mode=qr&connector={LoginScenario.ConnectorId}" + (returnTo is null ? "" : "&return_to=" + Uri.EscapeDataString(returnTo)),
            host);

    /// <summary>Begins on the page, signs in at the simulated WeCom as the member, and returns where WeCom sends the browser back.</summary>
    public async Task<(string Code, string State, Uri Callback)> AuthorizeAsync(string tenantId, string userId, string? returnTo = null)
    {
        using var begun = await BeginAsync(tenantId, returnTo: returnTo);
        Assert.True(begun.StatusCode == HttpStatusCode.Found, $"the login page answered {(int)begun.StatusCode}: {await begun.Content.ReadAsStringAsync()}");
        return await LoginScenario.AuthorizeAsync(begun.Headers.Location!.AbsoluteUri, userId);
    }

    /// <summary>The cookies a response sets, by name (an empty value deletes one).</summary>
    public static IEnumerable<(string Name, string Value)> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';', 2)[0].Split('=', 2)).Select(p => (p[0].Trim(), p.Length > 1 ? p[1].Trim() : ""))
            : [];

    /// <summary>Whether a response opened a session: it set Grid's session cookie.</summary>
    public static bool SetsSession(HttpResponseMessage response) =>
        SetCookies(response).Any(c => c.Name == SessionCookie && c.Value.Length > 0);

    public void Dispose() => _http.Dispose();
}
