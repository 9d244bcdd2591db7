using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.SignIn;

/// <summary>
/// A fresh tenant ready for fallback sign-in over the real gRPC API: connector <see cref="ConnectorId"/> with the
/// password fallback, an account with a password set through Admin.SetAccountPassword, and the tokens of an admin
/// and of a sign-in front end (scope auth.frontend).
/// </summary>
internal sealed class SignInTenant
{
    public const string ConnectorId = "main";
    public const string Password = "correct horse battery";

    private SignInTenant(GridHostFixture host, string tenantId, string accountId, string username, string mobile, string adminToken, string frontendToken)
    {
        Mobile = mobile;
        Host = host;
        TenantId = tenantId;
        AccountId = accountId;
        Username = username;
        AdminToken = adminToken;
        FrontendToken = frontendToken;
    }

    public GridHostFixture Host { get; }

    public string TenantId { get; }

    public string AccountId { get; }

    public string Username { get; }

    public string Email => $"{Username}@example.com";

    /// <summary>The account's mobile, e.g. <c>+8613812345678</c>.</summary>
    public string Mobile { get; }

    public string AdminToken { get; }

    public string FrontendToken { get; }

    public Auth.AuthClient Auth => new(Host.Channel);

    public Metadata Frontend => GridHostFixture.Bearer(FrontendToken);

    public static async Task<SignInTenant> CreateAsync(GridHostFixture host, Action<ConnectorFeatures>? features = null)
    {
        var tenantId = await host.CreateTenantAsync("si");
        var (adminId, adminSecret) = await host.CreateClientAsync(tenantId, GridScopes.Admin);
        var (frontendId, frontendSecret) = await host.CreateClientAsync(tenantId, GridScopes.AuthFrontend);
        var adminToken = await host.IssueTokenAsync(adminId, adminSecret);
        var connector = ConnectorSamples.Configure(tenantId, ConnectorId);
        features?.Invoke(connector.Settings.Features);
        await host.AdminClient().ConfigureWeComAsync(connector, GridHostFixture.Bearer(adminToken));

        var accountId = GridKeys.NewAccountId();
        var username = "user" + accountId[^8..];
        var mobile = "+86138" + Random.Shared.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenantId, accountId)).Create(AccountSpec.Active(
            new AccountProfile(username, "User " + username, $"{username}@example.com", mobile),
            GridKeys.RootOrganizationId));
        await host.AdminClient().SetAccountPasswordAsync(
            new SetAccountPasswordRequest { TenantId = tenantId, AccountId = accountId, Password = Password }, GridHostFixture.Bearer(adminToken));
        return new SignInTenant(host, tenantId, accountId, username, mobile, adminToken, await host.IssueTokenAsync(frontendId, frontendSecret));
    }

    public async Task<SignInSession> LoginAsync(string? login = null, string password = Password) =>
        (await Auth.PasswordLoginAsync(
            new PasswordLoginRequest
            {
                TenantId = TenantId,
                ConnectorId = ConnectorId,
                Login = login ?? Username,
                Password = password,
                Client = new SignInClient { IpAddress = "203.0.113.9", UserAgent = "e2e" },
            },
            Frontend)).Session;

    public async Task<ValidateTokenResponse> ValidateAsync(string accessToken) =>
        await Auth.ValidateTokenAsync(new ValidateTokenRequest { TenantId = TenantId, AccessToken = accessToken }, Frontend);

    public async Task<SignInSession> RefreshAsync(string refreshToken) =>
        (await Auth.RefreshSessionAsync(new RefreshSessionRequest { TenantId = TenantId, RefreshToken = refreshToken }, Frontend)).Session;
}
