using Grid.Host.Login;

namespace Grid.Host.Tests.Login;

/// <summary>Where a browser may be sent after signing in: never an open redirect.</summary>
public sealed class ReturnAddressesTests
{
    private static readonly Uri Login = new("https://sso.example.com/");

    [Theory]
    [InlineData(null, "https://sso.example.com/")]
    [InlineData("/app?x=1", "https://sso.example.com/app?x=1")]
    [InlineData("https://sso.example.com/home", "https://sso.example.com/home")]
    [InlineData("https://app.example.com/start", "https://app.example.com/start")]
    public void AnAddressOnTheLoginOriginOrAnAllowedOne_IsAccepted(string? returnTo, string expected)
    {
        Assert.True(ReturnAddresses.TryResolve(returnTo, Login, ["https://app.example.com"], out var resolved));
        Assert.Equal(expected, resolved.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/path")]
    [InlineData("/\\evil.example/path")]
    [InlineData("http://sso.example.com/")]
    [InlineData("https://sso.example.com:8443/")]
    [InlineData("https://user@sso.example.com/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://app.example.com.evil.example/")]
    public void AnyOtherAddress_IsRefused(string returnTo)
    {
        Assert.False(ReturnAddresses.TryResolve(returnTo, Login, ["https://app.example.com"], out _));
    }
}
