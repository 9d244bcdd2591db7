using Grid.Host.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grid.Host.Tests.Hosting;

/// <summary>Bad settings stop the host with a message that names the setting to fix (and never a secret's value).</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("--Grid:Profile=prod", "Grid:Profile")]
    [InlineData("--Grid:Endpoints:Grpc=https://grid.example.com", "Grid:Endpoints:Grpc")]
    [InlineData("--Grid:Endpoints:TrustedProxies:0=not-an-address", "Grid:Endpoints:TrustedProxies:0")]
    [InlineData("--Grid:Endpoints:TrustedProxies:0=10.0.0.0/99", "Grid:Endpoints:TrustedProxies:0")]
    [InlineData("--Grid:Silo:SiloPort=0", "Grid:Silo:SiloPort")]
    [InlineData("--Grid:Endpoints:PublicBaseAddress=sso.example.com", "Grid:Endpoints:PublicBaseAddress")]
    [InlineData("--Grid:Endpoints:PublicBaseAddress=https://sso.example.com/app", "Grid:Endpoints:PublicBaseAddress")]
    [InlineData("--Grid:Silo:Kubernetes=true", "Grid:Silo:Kubernetes")]
    [InlineData("--Grid:Telemetry:Otlp:Endpoint=otel-collector:4317", "Grid:Telemetry:Otlp:Endpoint")]
    [InlineData("--Grid:Telemetry:Otlp:Protocol=http", "Grid:Telemetry:Otlp:Protocol")]
    public void BuildingTheHost_WithABadGridSetting_FailsNamingIt(string argument, string setting)
    {
        var error = Assert.Throws<OptionsValidationException>(() => GridApp.Build([argument]));

        Assert.Contains(error.Failures, failure => failure.StartsWith(setting, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--Grid:Auth:Bootstrap:ClientSecret=too-short", "Grid:Auth:Bootstrap:ClientSecret")]
    [InlineData("--Grid:Auth:Bootstrap:ClientId=has space", "Grid:Auth:Bootstrap:ClientId")]
    [InlineData("--Grid:Auth:FailedTokenRequests:PerAddress=0", "Grid:Auth:FailedTokenRequests:PerAddress")]
    [InlineData("--Grid:Auth:FailedTokenRequests:Window=02:00:00", "Grid:Auth:FailedTokenRequests:Window")]
    [InlineData("--Grid:Auth:AccessTokenLifetime=00:00:10", "Grid:Auth:AccessTokenLifetime")]
    public async Task ReadingTheAuthSettings_WithABadValue_FailsNamingIt(string argument, string setting)
    {
        var secretArgument = argument.Contains("ClientId", StringComparison.Ordinal)
            ? "--Grid:Auth:Bootstrap:ClientSecret=" + new string('s', 40)
            : "--Grid:Auth:Issuer=grid";
        await using var app = GridApp.Build([argument, secretArgument]);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<GridAuthOptions>>().Value);

        Assert.Contains(error.Failures, failure => failure.StartsWith(setting, StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, failure => failure.Contains("too-short", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDefaults_AndAWellFormedBootstrapAndProxyList_AreAccepted()
    {
        await using var app = GridApp.Build(
        [
            "--Grid:Auth:Bootstrap:ClientSecret=" + new string('s', 40),
            "--Grid:Endpoints:TrustedProxies:0=10.0.0.0/8",
            "--Grid:Endpoints:TrustedProxies:1=192.0.2.7",
            "--Grid:Endpoints:TrustedProxies:2=2001:db8::/32",
        ]);

        var auth = app.Services.GetRequiredService<IOptions<GridAuthOptions>>().Value;

        Assert.True(auth.Bootstrap.Enabled);
        Assert.Equal("gc_platform_bootstrap", auth.Bootstrap.ClientId);
        Assert.DoesNotContain("sss", auth.Bootstrap.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Grid:Login:StateLifetime=01:00:00", "Grid:Login:StateLifetime")]
    [InlineData("--Grid:Login:ConsentLifetime=60.00:00:00", "Grid:Login:ConsentLifetime")]
    [InlineData("--Grid:Login:DefaultConnector=Not_An_Id", "Grid:Login:DefaultConnector")]
    public async Task ReadingTheLoginSettings_WithABadValue_FailsNamingIt(string argument, string setting)
    {
        await using var app = GridApp.Build([argument]);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<Grid.Grains.Login.LoginOptions>>().Value);

        Assert.Contains(error.Failures, failure => failure.StartsWith(setting, StringComparison.Ordinal));
    }
}
