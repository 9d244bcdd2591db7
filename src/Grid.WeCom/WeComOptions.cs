namespace Grid.WeCom;

/// <summary>
/// WeCom endpoints and client behaviour, bound from the <c>WeCom</c> configuration section and validated at
/// start-up. The base URLs default to WeCom's real hosts; the simulator serves all three from one origin.
/// </summary>
public sealed class WeComOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "WeCom";

    /// <summary>Server API host (<c>/cgi-bin/...</c>).</summary>
    public string ApiBaseUrl { get; set; } = "https://qyapi.weixin.qq.com";

    /// <summary>OAuth host of the in-client web login (<c>/connect/oauth2/authorize</c>).</summary>
    public string OAuthBaseUrl { get; set; } = "https://open.weixin.qq.com";

    /// <summary>QR login host (<c>/wwlogin/sso/login</c>).</summary>
    public string LoginBaseUrl { get; set; } = "https://login.work.weixin.qq.com";

    /// <summary>Timeout of one HTTP attempt; retries each get their own.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long before its stated expiry a cached access token is replaced.</summary>
    public TimeSpan AccessTokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Client-side call quotas that keep us under WeCom's frequency limits.</summary>
    public WeComQuotaOptions Quotas { get; set; } = new();

    /// <summary>Retries of transient failures.</summary>
    public WeComRetryOptions Retry { get; set; } = new();
}
