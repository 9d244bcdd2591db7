using System.Security.Cryptography;
using System.Text.Json;
using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grid.EndToEnd.Tests.Grpc;

[Collection(GridHostCollection.Name)]
public sealed class AuthTests(GridHostFixture host)
{
    [Fact]
    public async Task IssueToken_WithValidCredentials_ReturnsATokenForTheClientsTenantAndScopes()
    {
        var tenantId = await host.CreateTenantAsync();
        var (clientId, secret) = await host.CreateClientAsync(tenantId, GridScopes.Admin, GridScopes.DirectoryRead);

        var response = await new Auth.AuthClient(host.Channel).IssueTokenAsync(
            new IssueTokenRequest { ClientId = clientId, ClientSecret = secret });

        Assert.Equal("Bearer", response.TokenType);
        Assert.Equal(tenantId, response.TenantId);
        Assert.Equal([GridScopes.Admin, GridScopes.DirectoryRead], response.Scopes);
        Assert.InRange(response.ExpiresInSeconds, 60, 3600);
        var jwt = new JsonWebToken(response.AccessToken);
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal(tenantId, jwt.GetClaim("tenant").Value);
        Assert.Equal(clientId, jwt.GetClaim("client_id").Value);
        Assert.Equal("admin directory.read", jwt.GetClaim("scope").Value);
    }

    [Fact]
    public async Task IssueToken_WithASubsetOfScopes_IssuesOnlyThose()
    {
        var tenantId = await host.CreateTenantAsync();
        var (clientId, secret) = await host.CreateClientAsync(tenantId, GridScopes.Admin, GridScopes.DirectoryRead);

        var response = await new Auth.AuthClient(host.Channel).IssueTokenAsync(
            new IssueTokenRequest { ClientId = clientId, ClientSecret = secret, Scopes = { GridScopes.DirectoryRead } });

        Assert.Equal([GridScopes.DirectoryRead], response.Scopes);
        var denied = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().GetWeComAsync(
            new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, GridHostFixture.Bearer(response.AccessToken)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task IssueToken_WithWrongSecret_IsUnauthenticatedWithoutSayingWhy()
    {
        var tenantId = await host.CreateTenantAsync();
        var (clientId, _) = await host.CreateClientAsync(tenantId, GridScopes.Admin);

        var wrong = await Assert.ThrowsAsync<RpcException>(() => host.IssueTokenAsync(clientId, "gs_not-the-secret"));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => host.IssueTokenAsync("gc_nobody", "gs_whatever"));

        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, unknown.StatusCode);
        Assert.Equal(wrong.Status.Detail, unknown.Status.Detail);
    }

    [Fact]
    public async Task IssueToken_WithoutClientId_IsInvalidArgumentNamingTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => host.IssueTokenAsync("", "secret"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("client_id", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
    }

    [Fact]
    public async Task IssueToken_ForAScopeNotGranted_IsPermissionDenied()
    {
        var tenantId = await host.CreateTenantAsync();
        var (clientId, secret) = await host.CreateClientAsync(tenantId, GridScopes.DirectoryRead);

        var error = await Assert.ThrowsAsync<RpcException>(() => new Auth.AuthClient(host.Channel).IssueTokenAsync(
            new IssueTokenRequest { ClientId = clientId, ClientSecret = secret, Scopes = { GridScopes.Admin } }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("admin", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeServiceClient_StopsItsTokenExchange()
    {
        var (tenantId, adminToken) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var (clientId, secret) = await host.CreateClientAsync(tenantId, GridScopes.DirectoryRead);
        await host.IssueTokenAsync(clientId, secret);

        var revoked = await host.AdminClient().RevokeServiceClientAsync(
            new RevokeServiceClientRequest { TenantId = tenantId, ClientId = clientId }, GridHostFixture.Bearer(adminToken));

        Assert.NotNull(revoked.RevokedAt);
        var error = await Assert.ThrowsAsync<RpcException>(() => host.IssueTokenAsync(clientId, secret));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task RevokeServiceClient_OfAnotherTenant_IsNotFound()
    {
        var (tenantId, adminToken) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var otherTenant = await host.CreateTenantAsync();
        var (otherClient, otherSecret) = await host.CreateClientAsync(otherTenant, GridScopes.Admin);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().RevokeServiceClientAsync(
            new RevokeServiceClientRequest { TenantId = tenantId, ClientId = otherClient }, GridHostFixture.Bearer(adminToken)).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.NotEmpty(await host.IssueTokenAsync(otherClient, otherSecret));
    }

    [Fact]
    public async Task CreateServiceClient_ReturnsASecretThatWorksOnce_AndRefusesThePlatformScope()
    {
        var (tenantId, adminToken) = await host.TenantWithTokenAsync(GridScopes.Admin);

        var created = await host.AdminClient().CreateServiceClientAsync(
            new CreateServiceClientRequest { TenantId = tenantId, DisplayName = "hr-portal", Scopes = { GridScopes.DirectoryRead } },
            GridHostFixture.Bearer(adminToken));
        var escalation = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().CreateServiceClientAsync(
            new CreateServiceClientRequest { TenantId = tenantId, DisplayName = "x", Scopes = { GridScopes.PlatformAdmin } },
            GridHostFixture.Bearer(adminToken)).ResponseAsync);

        Assert.Equal(tenantId, created.Credential.TenantId);
        Assert.StartsWith("gs_", created.Credential.ClientSecret, StringComparison.Ordinal);
        Assert.NotEmpty(await host.IssueTokenAsync(created.Credential.ClientId, created.Credential.ClientSecret));
        Assert.Equal(StatusCode.InvalidArgument, escalation.StatusCode);
        Assert.Equal("scopes", Assert.Single(escalation.GetBadRequest()!.FieldViolations).Field);
    }

    [Fact]
    public async Task Call_WithoutToken_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().GetWeComAsync(
            new GetWeComRequest { TenantId = "demo", ConnectorId = "main" }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("no access token", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithGarbageToken_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().GetAccountAsync(
            new GetAccountRequest { TenantId = "demo", AccountId = "acc_x" }, GridHostFixture.Bearer("not.a.jwt")).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Call_WithTokenSignedByAnotherKey_IsUnauthenticated()
    {
        var tenantId = await host.CreateTenantAsync();
        using var foreign = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "grid",
            Audience = "grid-api",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["tenant"] = tenantId, ["scope"] = "admin", ["client_id"] = "gc_forged" },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(foreign) { KeyId = "forged" }, SecurityAlgorithms.EcdsaSha256),
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().GetWeComAsync(
            new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, GridHostFixture.Bearer(forged)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Call_WithExpiredToken_IsUnauthenticatedAndSaysSo()
    {
        var tenantId = await host.CreateTenantAsync();
        var now = DateTimeOffset.UtcNow;
        var expired = await host.SignTokenAsync(tenantId, [GridScopes.Admin], now.AddMinutes(-30), now.AddMinutes(-20));

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().GetWeComAsync(
            new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, GridHostFixture.Bearer(expired)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("expired", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ForAnotherTenantsData_IsPermissionDenied()
    {
        var (_, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var victim = await host.CreateTenantAsync();

        var admin = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().GetWeComAsync(
            new GetWeComRequest { TenantId = victim, ConnectorId = "main" }, GridHostFixture.Bearer(token)).ResponseAsync);
        var directory = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().ListAccountsAsync(
            new ListAccountsRequest { TenantId = victim }, GridHostFixture.Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, admin.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, directory.StatusCode);
        Assert.Contains($"not '{victim}'", directory.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithTheWrongScope_IsPermissionDenied()
    {
        var (tenantId, readToken) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        var (clientId, secret) = await host.CreateClientAsync(tenantId, GridScopes.Admin);
        var adminToken = await host.IssueTokenAsync(clientId, secret);
        var (frontendClient, frontendSecret) = await host.CreateClientAsync(tenantId, GridScopes.AuthFrontend);
        var frontendToken = await host.IssueTokenAsync(frontendClient, frontendSecret);

        var readerAsAdmin = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ListAuditEntriesAsync(
            new ListAuditEntriesRequest { TenantId = tenantId }, GridHostFixture.Bearer(readToken)).ResponseAsync);
        var adminAsReader = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().ListAccountsAsync(
            new ListAccountsRequest { TenantId = tenantId }, GridHostFixture.Bearer(adminToken)).ResponseAsync);
        var frontendAsReader = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().ListAccountsAsync(
            new ListAccountsRequest { TenantId = tenantId }, GridHostFixture.Bearer(frontendToken)).ResponseAsync);
        var tenantAdminCreatesTenant = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().CreateTenantAsync(
            new CreateTenantRequest { TenantId = "not-allowed", DisplayName = "x" }, GridHostFixture.Bearer(adminToken)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, readerAsAdmin.StatusCode);
        Assert.Contains("'admin' scope", readerAsAdmin.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, adminAsReader.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, frontendAsReader.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, tenantAdminCreatesTenant.StatusCode);
        Assert.Contains("'platform.admin' scope", tenantAdminCreatesTenant.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwks_PublishesThePublicKeyThatValidatesIssuedTokens()
    {
        var (_, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);
        using var http = new HttpClient { BaseAddress = host.HttpAddress };

        var json = await http.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

        var keys = new JsonWebKeySet(json);
        Assert.All(keys.Keys, key => Assert.Equal("EC", key.Kty));
        Assert.DoesNotContain("\"d\"", json, StringComparison.Ordinal);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "grid",
            ValidAudience = "grid-api",
            IssuerSigningKeys = keys.GetSigningKeys(),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task DevCredential_IsWrittenOwnerOnly_AndAdministersTheDemoTenant()
    {
        var credential = await host.DevCredentials.WhenWritten.WaitAsync(TimeSpan.FromSeconds(30));

        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(host.DevCredentialPath));
        Assert.Equal(credential.ClientId, file.RootElement.GetProperty("client_id").GetString());
        Assert.Equal("demo", file.RootElement.GetProperty("tenant_id").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(host.DevCredentialPath));
        }

        var token = await host.IssueTokenAsync(credential.ClientId, credential.ClientSecret);
        var audit = await host.AdminClient().ListAuditEntriesAsync(
            new ListAuditEntriesRequest { TenantId = "demo" }, GridHostFixture.Bearer(token));
        Assert.NotNull(audit);
    }

    [Fact]
    public async Task CreateTenant_WithThePlatformCredential_ReturnsAWorkingAdminClient()
    {
        var credential = await host.DevCredentials.WhenWritten.WaitAsync(TimeSpan.FromSeconds(30));
        var platformToken = await host.IssueTokenAsync(credential.ClientId, credential.ClientSecret);
        var tenantId = $"new-{Guid.NewGuid():N}"[..20];

        var created = await host.AdminClient().CreateTenantAsync(
            new CreateTenantRequest { TenantId = tenantId, DisplayName = "New Co", TimeZone = "Asia/Shanghai" },
            GridHostFixture.Bearer(platformToken));
        var again = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().CreateTenantAsync(
            new CreateTenantRequest { TenantId = tenantId, DisplayName = "New Co" }, GridHostFixture.Bearer(platformToken)).ResponseAsync);

        Assert.Equal(tenantId, created.Tenant.TenantId);
        Assert.Equal("Asia/Shanghai", created.Tenant.TimeZone);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        var tenantToken = await host.IssueTokenAsync(created.AdminClient.ClientId, created.AdminClient.ClientSecret);
        var audit = await host.AdminClient().ListAuditEntriesAsync(
            new ListAuditEntriesRequest { TenantId = tenantId }, GridHostFixture.Bearer(tenantToken));
        Assert.Contains(audit.Entries, entry => entry.Action == "service_client.create");
    }
}
