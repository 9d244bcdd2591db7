using Grid.WeCom.Login;
using Microsoft.Extensions.Options;

namespace Grid.WeCom.Tests.Login;

public sealed class WeComLoginUrlsTests
{
    private static readonly Uri Redirect = new("https://sso.example.com:8443/t/acme/login/wecom/callback?mode=qr");
    private const string EncodedRedirect = "https%3A%2F%2Fsso.example.com%3A8443%2Ft%2Facme%2Flogin%2Fwecom%2Fcallback%3Fmode%3Dqr";

    private readonly WeComLoginUrls _urls = new(Options.Create(new WeComOptions()));

    [Fact]
    public void QrLogin_WithDefaultHosts_BuildsWeComsLoginPageUrl()
    {
        var url = _urls.QrLogin("ww1436e0e65a779aee", "1000002", Redirect, "Ab9xYz");

        Assert.Equal(
            $"https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=ww1436e0e65a779aee&agentid=1000002&redirect_uri={EncodedRedirect}&state=Ab9xYz",
            url);
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void QrLogin_WithLanguage_AppendsLang(string lang)
    {
        var url = _urls.QrLogin("ww1", "1000002", Redirect, "s", lang);

        Assert.EndsWith($"&state=s&lang={lang}", url, StringComparison.Ordinal);
    }

    [Fact]
    public void QrLogin_WithUnknownLanguage_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => _urls.QrLogin("ww1", "1", Redirect, "s", "fr"));

        Assert.Equal("lang", exception.ParamName);
    }

    [Theory]
    [InlineData(WeComOAuthScope.Base, "snsapi_base")]
    [InlineData(WeComOAuthScope.PrivateInfo, "snsapi_privateinfo")]
    public void OAuthAuthorize_BuildsAuthorizeUrlWithAgentIdAndWechatRedirect(WeComOAuthScope scope, string scopeName)
    {
        var url = _urls.OAuthAuthorize("ww1436e0e65a779aee", "1000002", Redirect, "state42", scope);

        Assert.Equal(
            $"https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1436e0e65a779aee&redirect_uri={EncodedRedirect}&response_type=code&scope={scopeName}&state=state42&agentid=1000002#wechat_redirect",
            url);
    }

    [Fact]
    public void Urls_UseConfiguredBaseAddresses_WithOrWithoutTrailingSlash()
    {
        var urls = new WeComLoginUrls(new Uri("http://127.0.0.1:5080/"), new Uri("http://127.0.0.1:5080"));

        Assert.StartsWith("http://127.0.0.1:5080/wwlogin/sso/login?", urls.QrLogin("ww1", "1", Redirect, "s"), StringComparison.Ordinal);
        Assert.StartsWith(
            "http://127.0.0.1:5080/connect/oauth2/authorize?",
            urls.OAuthAuthorize("ww1", "1", Redirect, "s", WeComOAuthScope.Base),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Urls_EscapeCorpAndAgentIds()
    {
        var url = _urls.QrLogin("ww&x=1", "10 0", Redirect, "s");

        Assert.Contains("appid=ww%26x%3D1&agentid=10%200&", url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("web_login@gyoss9")]
    [InlineData("短")]
    [InlineData("a-b")]
    public void Urls_WhenStateHasForbiddenCharactersOrIsEmpty_Throw(string state)
    {
        Assert.Throws<ArgumentException>(() => _urls.QrLogin("ww1", "1", Redirect, state));
        Assert.Throws<ArgumentException>(() => _urls.OAuthAuthorize("ww1", "1", Redirect, state, WeComOAuthScope.Base));
    }

    [Fact]
    public void IsValidState_AcceptsUpTo128AlphanumericCharacters()
    {
        Assert.True(WeComLoginUrls.IsValidState(new string('a', 128)));
        Assert.False(WeComLoginUrls.IsValidState(new string('a', 129)));
        Assert.False(WeComLoginUrls.IsValidState(null));
    }

    [Theory]
    [InlineData("/relative/callback")]
    [InlineData("ftp://sso.example.com/callback")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://sso.example.com/callback#frag")]
    public void Urls_WhenRedirectIsNotAnAbsoluteHttpUrlWithoutFragment_Throw(string redirect)
    {
        var uri = new Uri(redirect, UriKind.RelativeOrAbsolute);

        var exception = Assert.Throws<ArgumentException>(() => _urls.QrLogin("ww1", "1", uri, "s"));

        Assert.Equal("redirectUri", exception.ParamName);
    }

    [Fact]
    public void Constructor_WhenBaseUrlIsNotHttp_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WeComLoginUrls(new Uri("ftp://x"), new Uri("https://y")));
    }
}
