using Grid.WeCom.Api;
using Grid.WeCom.Login;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grid.WeCom.Tests;

public sealed class WeComOptionsTests
{
    [Fact]
    public void Defaults_PointAtWeComsRealHostsAndDocumentedQuotas()
    {
        var options = Resolve([]);

        Assert.Equal("https://qyapi.weixin.qq.com", options.ApiBaseUrl);
        Assert.Equal("https://open.weixin.qq.com", options.OAuthBaseUrl);
        Assert.Equal("https://login.work.weixin.qq.com", options.LoginBaseUrl);
        Assert.True(options.Quotas.Enabled);
        Assert.Equal(10_000, options.Quotas.PerApiPerMinute);
        Assert.Equal(150_000, options.Quotas.PerApiPerHour);
        Assert.Equal(20_000, options.Quotas.PerIpPerMinute);
    }

    [Fact]
    public void Binding_ReadsTheWeComSection()
    {
        var options = Resolve(new()
        {
            ["WeCom:ApiBaseUrl"] = "http://127.0.0.1:5080",
            ["WeCom:RequestTimeout"] = "00:00:03",
            ["WeCom:Quotas:Enabled"] = "false",
            ["WeCom:Retry:MaxRetryAttempts"] = "5",
        });

        Assert.Equal("http://127.0.0.1:5080", options.ApiBaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(3), options.RequestTimeout);
        Assert.False(options.Quotas.Enabled);
        Assert.Equal(5, options.Retry.MaxRetryAttempts);
    }

    [Theory]
    [InlineData("WeCom:ApiBaseUrl", "qyapi.weixin.qq.com", "WeCom:ApiBaseUrl must be an absolute http(s) URL")]
    [InlineData("WeCom:OAuthBaseUrl", "ftp://open.weixin.qq.com", "WeCom:OAuthBaseUrl must be an absolute http(s) URL")]
    [InlineData("WeCom:LoginBaseUrl", "https://login.work.weixin.qq.com/?x=1", "WeCom:LoginBaseUrl must be an absolute http(s) URL")]
    [InlineData("WeCom:RequestTimeout", "00:00:00", "WeCom:RequestTimeout")]
    [InlineData("WeCom:AccessTokenRefreshMargin", "-00:00:01", "WeCom:AccessTokenRefreshMargin")]
    [InlineData("WeCom:Quotas:PerApiPerMinute", "0", "WeCom:Quotas:PerApiPerMinute must be positive")]
    [InlineData("WeCom:Quotas:PerApiPerHour", "-1", "WeCom:Quotas:PerApiPerHour must be positive")]
    [InlineData("WeCom:Quotas:PerIpPerMinute", "0", "WeCom:Quotas:PerIpPerMinute must be positive")]
    [InlineData("WeCom:Retry:MaxRetryAttempts", "11", "WeCom:Retry:MaxRetryAttempts")]
    [InlineData("WeCom:Retry:BaseDelay", "00:00:00", "WeCom:Retry:BaseDelay")]
    [InlineData("WeCom:Retry:MaxDelay", "00:00:00.001", "WeCom:Retry:MaxDelay")]
    public void Validation_WhenASettingIsInvalid_NamesIt(string key, string value, string expectedMessage)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));

        Assert.Contains(expectedMessage, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_WhenQuotasAreDisabled_IgnoresTheirValues()
    {
        var options = Resolve(new() { ["WeCom:Quotas:Enabled"] = "false", ["WeCom:Quotas:PerApiPerMinute"] = "0" });

        Assert.False(options.Quotas.Enabled);
    }

    [Fact]
    public void AddWeComClient_RegistersTheClientLoginUrlsAndTokenStore()
    {
        using var provider = Provider(new() { ["WeCom:LoginBaseUrl"] = "http://127.0.0.1:5080" });

        Assert.NotNull(provider.GetRequiredService<WeComClient>());
        Assert.IsType<InMemoryWeComAccessTokenStore>(provider.GetRequiredService<IWeComAccessTokenStore>());
        var url = provider.GetRequiredService<WeComLoginUrls>().QrLogin("ww1", "1", new Uri("https://a.example/cb"), "s");
        Assert.StartsWith("http://127.0.0.1:5080/wwlogin/sso/login?", url, StringComparison.Ordinal);
    }

    private static WeComOptions Resolve(Dictionary<string, string?> settings)
    {
        using var provider = Provider(settings);
        return provider.GetRequiredService<IOptions<WeComOptions>>().Value;
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWeComClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
