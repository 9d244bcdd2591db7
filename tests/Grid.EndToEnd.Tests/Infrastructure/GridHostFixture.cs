using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Tenants;
using Grid.Contracts.V1;
using Grid.Host.Grpc;
using Grid.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Grid.WeCom.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server;

namespace Grid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real Grid.Host (dev profile) started in-process on loopback (see <see cref="DevGridHost"/>), and a gRPC channel
/// to it. One per test collection; tests use fresh tenants.
/// </summary>
public sealed class GridHostFixture() : DevGridHost("grid-e2e-", new SimulatorOptions { Members = 40, Departments = 6 }), IAsyncLifetime
{
    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>
    /// The OpenID Connect provider's clock (OpenIddict's, which dates and checks codes and tokens): the system's, moved
    /// by <see cref="ShiftedClock.Shift"/>. Tests of this collection run one at a time; a test that moves it puts it back.
    /// </summary>
    public ShiftedClock OidcClock { get; } = new();

    /// <summary>
    /// The host's own clock (its <see cref="TimeProvider"/>: grains, sign-in, sessions): the system's, moved by
    /// <see cref="ShiftedClock.Shift"/> (timers and delays keep the system's pace). A test that moves it puts it back.
    /// </summary>
    public ShiftedClock HostClock { get; } = new();

    public async Task InitializeAsync()
    {
        await StartHostAsync();
        Channel = GrpcChannel.ForAddress(GrpcAddress);
    }

    protected override void ConfigureHost(WebApplicationBuilder builder)
    {
        builder.Services.Configure<OpenIddictServerOptions>(options => options.TimeProvider = OidcClock);
        builder.Services.AddSingleton<TimeProvider>(HostClock);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        await StopHostAsync();
    }

    /// <summary>A new tenant with a unique id.</summary>
    public async Task<string> CreateTenantAsync(string prefix = "t")
    {
        var tenantId = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
        await Grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create($"Tenant {tenantId}", "UTC");
        return tenantId;
    }

    /// <summary>A service client made directly through its grain (as an operator would have it).</summary>
    public async Task<(string ClientId, string Secret)> CreateClientAsync(string tenantId, params string[] scopes)
    {
        var clientId = ServiceClientIds.New(tenantId);
        var secret = await Grains.GetGrain<IServiceClientGrain>(clientId)
            .Create(new ServiceClientRegistration(tenantId, "e2e", [.. scopes], "e2e"));
        return (clientId, secret);
    }

    /// <summary>An access token through the real Auth.IssueToken RPC.</summary>
    public async Task<string> IssueTokenAsync(string clientId, string secret)
    {
        var response = await new Auth.AuthClient(Channel).IssueTokenAsync(new IssueTokenRequest { ClientId = clientId, ClientSecret = secret });
        return response.AccessToken;
    }

    /// <summary>A tenant and a token for it with the given scopes.</summary>
    public async Task<(string TenantId, string Token)> TenantWithTokenAsync(params string[] scopes)
    {
        var tenantId = await CreateTenantAsync();
        var (clientId, secret) = await CreateClientAsync(tenantId, scopes);
        return (tenantId, await IssueTokenAsync(clientId, secret));
    }

    /// <summary>A token signed by the cluster's real key with chosen times (e.g. already expired).</summary>
    public Task<string> SignTokenAsync(string tenantId, ImmutableArray<string> scopes, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        Grains.GetGrain<ISigningKeyGrain>(ISigningKeyGrain.DefaultKey).Sign(
            new AccessTokenClaims("grid", "grid-api", "gc_forged", tenantId, scopes, issuedAt, expiresAt));

    public static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    public Admin.AdminClient AdminClient() => new(Channel);

    public Contracts.V1.Directory.DirectoryClient DirectoryClient() => new(Channel);

    public DevCredentialBootstrapper DevCredentials => App.Services.GetRequiredService<DevCredentialBootstrapper>();
}
