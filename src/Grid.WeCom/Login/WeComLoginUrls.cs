using System.Buffers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Grid.WeCom.Login;

/// <summary>
/// Builds the browser addresses that start a WeCom login: the QR login page and the in-client OAuth authorize URL.
/// Both return to <c>redirect_uri?code=CODE&amp;state=STATE</c>; the code is redeemed with auth/getuserinfo.
/// </summary>
public sealed class WeComLoginUrls
{
    /// <summary>Longest state WeCom accepts, in bytes.</summary>
    public const int MaxStateLength = 128;

    private static readonly SearchValues<char> StateAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    private readonly string _loginBaseUrl;
    private readonly string _oauthBaseUrl;

    public WeComLoginUrls(IOptions<WeComOptions> options)
        : this(new Uri(options.Value.LoginBaseUrl), new Uri(options.Value.OAuthBaseUrl))
    {
    }

    public WeComLoginUrls(Uri loginBaseUrl, Uri oauthBaseUrl)
    {
        _loginBaseUrl = BaseOf(loginBaseUrl, nameof(loginBaseUrl));
        _oauthBaseUrl = BaseOf(oauthBaseUrl, nameof(oauthBaseUrl));
    }

    /// <summary>
    /// The QR login page for a self-built app:
    /// <c>{LoginBaseUrl}/wwlogin/sso/login?login_type=CorpApp&amp;appid=…&amp;agentid=…&amp;redirect_uri=…&amp;state=…[&amp;lang=…]</c>.
    /// </summary>
    /// <param name="corpId">The corp id (<c>appid</c>).</param>
    /// <param name="agentId">The app's agent id.</param>
    /// <param name="redirectUri">Absolute http(s) address on a trusted domain of the app.</param>
    /// <param name="state">CSRF state: 1 to 128 characters of a-z, A-Z, 0-9.</param>
    /// <param name="lang"><c>zh</c>, <c>en</c>, or <see langword="null"/> for WeCom's default.</param>
    /// <exception cref="ArgumentException">An argument breaks WeCom's rules.</exception>
    public string QrLogin(string corpId, string agentId, Uri redirectUri, string state, string? lang = null)
    {
        if (lang is not (null or "zh" or "en"))
        {
            throw new ArgumentException("lang must be \"zh\", \"en\" or null.", nameof(lang));
        }

        var url = new StringBuilder(_loginBaseUrl)
            .Append("/wwlogin/sso/login?login_type=CorpApp")
            .Append("&appid=").Append(Escape(corpId, nameof(corpId)))
            .Append("&agentid=").Append(Escape(agentId, nameof(agentId)))
            .Append("&redirect_uri=").Append(EscapeRedirect(redirectUri))
            .Append("&state=").Append(CheckState(state));
        if (lang is not null)
        {
            url.Append("&lang=").Append(lang);
        }

        return url.ToString();
    }

    /// <summary>
    /// The OAuth authorize URL opened inside the WeCom client:
    /// <c>{OAuthBaseUrl}/connect/oauth2/authorize?appid=…&amp;redirect_uri=…&amp;response_type=code&amp;scope=…&amp;state=…&amp;agentid=…#wechat_redirect</c>.
    /// The agent id is always sent: WeCom downgrades <c>snsapi_privateinfo</c> to <c>snsapi_base</c> without it.
    /// </summary>
    /// <exception cref="ArgumentException">An argument breaks WeCom's rules.</exception>
    public string OAuthAuthorize(string corpId, string agentId, Uri redirectUri, string state, WeComOAuthScope scope)
    {
        var scopeName = scope switch
        {
            WeComOAuthScope.Base => "snsapi_base",
            WeComOAuthScope.PrivateInfo => "snsapi_privateinfo",
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown OAuth scope."),
        };

        return new StringBuilder(_oauthBaseUrl)
            .Append("/connect/oauth2/authorize?appid=").Append(Escape(corpId, nameof(corpId)))
            .Append("&redirect_uri=").Append(EscapeRedirect(redirectUri))
            .Append("&response_type=code&scope=").Append(scopeName)
            .Append("&state=").Append(CheckState(state))
            .Append("&agentid=").Append(Escape(agentId, nameof(agentId)))
            .Append("#wechat_redirect")
            .ToString();
    }

    /// <summary>Whether <paramref name="state"/> is 1 to 128 characters of a-z, A-Z, 0-9, as WeCom requires.</summary>
    public static bool IsValidState(string? state) =>
        state is { Length: > 0 and <= MaxStateLength } && !state.AsSpan().ContainsAnyExcept(StateAlphabet);

    private static string CheckState(string state) => IsValidState(state)
        ? state
        : throw new ArgumentException($"state must be 1 to {MaxStateLength} characters of a-z, A-Z, 0-9.", nameof(state));

    private static string Escape(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return Uri.EscapeDataString(value);
    }

    private static string EscapeRedirect(Uri redirectUri)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        if (!redirectUri.IsAbsoluteUri || (redirectUri.Scheme != Uri.UriSchemeHttp && redirectUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("redirect_uri must be an absolute http(s) URL.", nameof(redirectUri));
        }

        if (redirectUri.Fragment.Length > 0)
        {
            throw new ArgumentException("redirect_uri must not have a fragment.", nameof(redirectUri));
        }

        return Uri.EscapeDataString(redirectUri.AbsoluteUri);
    }

    private static string BaseOf(Uri baseUrl, string name)
    {
        ArgumentNullException.ThrowIfNull(baseUrl, name);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The base URL must be an absolute http(s) URL.", name);
        }

        return baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
