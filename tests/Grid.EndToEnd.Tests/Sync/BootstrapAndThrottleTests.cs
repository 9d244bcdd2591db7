using System.Security.Cryptography;
using Google.Rpc;
using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Grid.EndToEnd.Tests.Sync;

/// <summary>
/// The cluster profile's way in: the operator-configured bootstrap credential creates a tenant, whose admin
/// credential then works; and failed token requests are limited per remote address.
/// </summary>
public sealed class BootstrapAndThrottleTests
{
    // Nothing here syncs; the WeCom client only needs an address (the discard port).
    private static readonly Uri NoWeCom = new("http://127.0.0.1:9/");

    [Fact]
    public async Task BootstrapCredential_FromConfiguration_CreatesATenant_WhoseAdminCredentialWorks()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var host = await ClusterGridHost.StartAsync(NoWeCom, $"--Grid:Auth:Bootstrap:ClientSecret={secret}");
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var auth = new Auth.AuthClient(channel);
        var admin = new Admin.AdminClient(channel);
        var tenantId = "acme-" + Guid.NewGuid().ToString("N")[..8];

        var platform = await auth.IssueTokenAsync(new IssueTokenRequest { ClientId = "gc_platform_bootstrap", ClientSecret = secret });
        var created = await admin.CreateTenantAsync(
            new CreateTenantRequest { TenantId = tenantId, DisplayName = "Acme", TimeZone = "Asia/Shanghai" }, Bearer(platform.AccessToken));
        var tenantAdmin = await auth.IssueTokenAsync(new IssueTokenRequest
        {
            ClientId = created.AdminClient.ClientId, ClientSecret = created.AdminClient.ClientSecret,
        });
        var configured = await admin.ConfigureWeComAsync(
            Infrastructure.ConnectorSamples.Configure(tenantId, "main"), Bearer(tenantAdmin.AccessToken));
        var wrong = await Assert.ThrowsAsync<RpcException>(() => auth.IssueTokenAsync(
            new IssueTokenRequest { ClientId = "gc_platform_bootstrap", ClientSecret = secret + "x" }).ResponseAsync);
        var otherTenant = await Assert.ThrowsAsync<RpcException>(() => admin.GetWeComAsync(
            new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, Bearer(platform.AccessToken)).ResponseAsync);

        Assert.Equal("platform", platform.TenantId);
        Assert.Equal([GridScopes.PlatformAdmin, GridScopes.Admin], platform.Scopes);
        Assert.Equal(tenantId, created.Tenant.TenantId);
        Assert.Equal(tenantId, tenantAdmin.TenantId);
        Assert.Equal("main", configured.Connector.ConnectorId);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        // platform.admin creates tenants; it does not read or change their data.
        Assert.Equal(StatusCode.PermissionDenied, otherTenant.StatusCode);
    }

    [Fact]
    public async Task FailedTokenRequests_BeyondTheLimit_AreRefusedWithRetryInfo_EvenWithTheRightSecret()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var host = await ClusterGridHost.StartAsync(
            NoWeCom,
            $"--Grid:Auth:Bootstrap:ClientSecret={secret}",
            "--Grid:Auth:FailedTokenRequests:PerAddress=3",
            "--Grid:Auth:FailedTokenRequests:Window=00:06:00");
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var auth = new Auth.AuthClient(channel);
        var platform = await auth.IssueTokenAsync(new IssueTokenRequest { ClientId = "gc_platform_bootstrap", ClientSecret = secret });

        var guesses = new List<StatusCode>();
        for (var i = 0; i < 3; i++)
        {
            guesses.Add((await Assert.ThrowsAsync<RpcException>(() => auth.IssueTokenAsync(
                new IssueTokenRequest { ClientId = i == 0 ? "gc_platform_bootstrap" : "gc_nobody_" + i, ClientSecret = "guess" }).ResponseAsync)).StatusCode);
        }

        var locked = await Assert.ThrowsAsync<RpcException>(() => auth.IssueTokenAsync(
            new IssueTokenRequest { ClientId = "gc_platform_bootstrap", ClientSecret = secret }).ResponseAsync);

        Assert.Equal("platform", platform.TenantId);
        Assert.All(guesses, code => Assert.Equal(StatusCode.Unauthenticated, code));
        Assert.Equal(StatusCode.ResourceExhausted, locked.StatusCode);
        // The real wait: until the first failure leaves the 6-minute window (not a window segment, which said 60 s).
        var delay = locked.GetRpcStatus()!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan();
        Assert.InRange(delay, TimeSpan.FromSeconds(340), TimeSpan.FromSeconds(360));
        Assert.Contains($"retry in {delay.TotalSeconds:0} s", locked.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParallelGuesses_GetNoMoreTriesThanTheLimit()
    {
        await using var host = await ClusterGridHost.StartAsync(
            NoWeCom, "--Grid:Auth:FailedTokenRequests:PerAddress=3", "--Grid:Auth:FailedTokenRequests:Window=00:10:00");
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var auth = new Auth.AuthClient(channel);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            (await Assert.ThrowsAsync<RpcException>(() => auth.IssueTokenAsync(
                new IssueTokenRequest { ClientId = "gc_nobody_" + i, ClientSecret = "guess" }).ResponseAsync)).StatusCode));

        // Each guess that was checked is an Unauthenticated; the others were refused before any check.
        Assert.InRange(outcomes.Count(code => code == StatusCode.Unauthenticated), 1, 3);
        Assert.All(outcomes, code => Assert.Contains(code, new[] { StatusCode.Unauthenticated, StatusCode.ResourceExhausted }));
    }

    [Fact]
    public async Task BehindATrustedProxy_FailuresCountPerForwardedAddress_NotPerProxy()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var host = await ClusterGridHost.StartAsync(
            NoWeCom,
            $"--Grid:Auth:Bootstrap:ClientSecret={secret}",
            "--Grid:Endpoints:TrustedProxies:0=127.0.0.0/8",
            "--Grid:Auth:FailedTokenRequests:PerAddress=2",
            "--Grid:Auth:FailedTokenRequests:Window=00:10:00");
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var auth = new Auth.AuthClient(channel);
        var attacker = new Metadata { { "x-forwarded-for", "203.0.113.5" } };
        var neighbour = new Metadata { { "x-forwarded-for", "203.0.113.6" } };
        var valid = new IssueTokenRequest { ClientId = "gc_platform_bootstrap", ClientSecret = secret };

        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => auth.IssueTokenAsync(
                new IssueTokenRequest { ClientId = "gc_platform_bootstrap", ClientSecret = "guess" + i }, attacker).ResponseAsync);
        }

        var attackerLocked = await Assert.ThrowsAsync<RpcException>(() => auth.IssueTokenAsync(valid, attacker).ResponseAsync);
        var neighbourServed = await auth.IssueTokenAsync(valid, neighbour);
        var proxyItselfServed = await auth.IssueTokenAsync(valid);

        Assert.Equal(StatusCode.ResourceExhausted, attackerLocked.StatusCode);
        Assert.Equal("platform", neighbourServed.TenantId);
        Assert.Equal("platform", proxyItselfServed.TenantId);
    }

    [Fact]
    public async Task WithoutTrustedProxies_AForwardedForHeader_IsIgnored()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var host = await ClusterGridHost.StartAsync(
            NoWeCom,
            $"--Grid:Auth:Bootstrap:ClientSecret={secret}",
            "--Grid:Auth:FailedTokenRequests:PerAddress=2",
            "--Grid:Auth:FailedTokenRequests:Window=00:10:00");
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        var auth = new Auth.AuthClient(channel);

        for (var i = 0; i < 2; i++)
        {
            // A different claimed address each time: without trusted proxies all of them are the connection's.
            await Assert.ThrowsAsync<RpcException>(() => auth.IssueTokenAsync(
                new IssueTokenRequest { ClientId = "gc_platform_bootstrap", ClientSecret = "guess" + i },
                new Metadata { { "x-forwarded-for", $"198.51.100.{i + 1}" } }).ResponseAsync);
        }

        var locked = await Assert.ThrowsAsync<RpcException>(() => auth.IssueTokenAsync(
            new IssueTokenRequest { ClientId = "gc_platform_bootstrap", ClientSecret = secret },
            new Metadata { { "x-forwarded-for", "198.51.100.9" } }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, locked.StatusCode);
    }

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };
}
