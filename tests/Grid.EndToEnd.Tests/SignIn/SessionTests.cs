using System.Diagnostics;
using System.Text.RegularExpressions;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Grid.EndToEnd.Tests.SignIn;

[Collection(GridHostCollection.Name)]
public sealed class SessionTests(GridHostFixture host)
{
    [Theory]
    [InlineData("username")]
    [InlineData("email")]
    [InlineData("mobile")]
    public async Task PasswordLogin_ByAnyUniqueValue_OpensASessionWhoseAccessTokenValidates(string by)
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var login = by switch { "username" => tenant.Username, "email" => tenant.Email.ToUpperInvariant(), _ => tenant.Mobile[3..] };

        var session = await tenant.LoginAsync(login);
        var validated = await tenant.ValidateAsync(session.AccessToken);

        Assert.Equal((tenant.TenantId, tenant.AccountId), (session.TenantId, session.AccountId));
        Assert.Equal(tenant.AccountId, session.Account.AccountId);
        Assert.Equal(SignInMethod.Password, session.Method);
        Assert.StartsWith($"{tenant.TenantId}.{session.SessionId}.", session.RefreshToken, StringComparison.Ordinal);
        Assert.Equal((tenant.AccountId, tenant.TenantId, session.SessionId, SignInMethod.Password), (validated.AccountId, validated.TenantId, validated.SessionId, validated.Method));
        Assert.Equal(session.AccessTokenExpiresAt, validated.ExpiresAt);
        Assert.Equal("pwd", validated.Claims["amr"]);
        Assert.Equal(AccessTokenClaimTypes.EndUserTokenType, validated.Claims["token_type"]);
    }

    [Fact]
    public async Task PasswordLogin_WithAWrongPasswordOrAnUnknownLogin_IsUnauthenticatedWithOneMessage()
    {
        var tenant = await SignInTenant.CreateAsync(host);

        var wrongPassword = await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync(password: "not the password"));
        var unknownLogin = await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync(login: "nobody-here"));

        Assert.Equal(StatusCode.Unauthenticated, wrongPassword.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, unknownLogin.StatusCode);
        Assert.Equal(wrongPassword.Status.Detail, unknownLogin.Status.Detail);
    }

    [Fact]
    public async Task PasswordLogin_AfterFiveFailures_IsLocked_EvenWithTheRightPassword()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync(password: $"wrong {i}"))).StatusCode);
        }

        var fifth = await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync(password: "wrong 5"));
        var right = await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync());

        Assert.Equal(StatusCode.Unauthenticated, fifth.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, right.StatusCode);
        Assert.Contains("locked", right.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("retry in 900 s", right.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordLogin_OfAnUnknownLogin_IsAnsweredAndLockedExactlyAsAKnownOne()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var unknown = "nobody" + tenant.Username;
        var known = new List<RpcException>();
        var unknowns = new List<RpcException>();
        for (var i = 0; i < 5; i++)
        {
            known.Add(await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync(password: $"wrong {i}")));
            unknowns.Add(await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync(login: unknown, password: $"wrong {i}")));
        }

        var knownLocked = await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync());
        var unknownLocked = await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync(login: unknown.ToUpperInvariant()));

        Assert.Equal(known.Select(Answer), unknowns.Select(Answer));
        Assert.All(known, error => Assert.Equal(StatusCode.Unauthenticated, error.StatusCode));
        Assert.Equal(StatusCode.ResourceExhausted, knownLocked.StatusCode);
        Assert.Equal(Answer(knownLocked), Answer(unknownLocked));
    }

    [Fact]
    public async Task PasswordLogin_OfAnUnknownLogin_TakesAboutAsLongAsAWrongPassword()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();

        // Interleaved, below the lockout, each unknown login new: both sides see the same load on the machine.
        for (var i = 0; i < 4; i++)
        {
            known.Add(await TimeRefusalAsync(() => tenant.LoginAsync(password: $"wrong {i}")));
            unknown.Add(await TimeRefusalAsync(() => tenant.LoginAsync(login: $"nobody{i}{tenant.Username}", password: $"wrong {i}")));
        }

        // A password hash check is most of either (tens of ms); without the decoy an unknown login takes a few ms.
        var ratio = Median(unknown) / Median(known);
        Assert.InRange(ratio, 0.5, 2.0);
    }

    [Fact]
    public async Task PasswordLogin_OfADisabledAccount_IsRefusedWithAClearMessage()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant.TenantId, tenant.AccountId)).SetStatus(Grid.Abstractions.Directory.AccountStatus.Disabled);

        var error = await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync());

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("the account is disabled", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordLogin_WhenTheConnectorDoesNotAllowThePasswordFallback_IsFailedPrecondition()
    {
        var tenant = await SignInTenant.CreateAsync(host, features =>
        {
            features.PasswordFallback = false;
            features.SmsFallback = true;
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync());

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("password sign-in is not enabled on connector 'main'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshSession_RotatesTheRefreshToken_AndReusingASpentOneRevokesTheSession()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var first = await tenant.LoginAsync();

        var second = await tenant.RefreshAsync(first.RefreshToken);
        var reuse = await Assert.ThrowsAsync<RpcException>(() => tenant.RefreshAsync(first.RefreshToken));
        var afterReuse = await Assert.ThrowsAsync<RpcException>(() => tenant.RefreshAsync(second.RefreshToken));
        var tokenAfterReuse = await Assert.ThrowsAsync<RpcException>(() => tenant.ValidateAsync(second.AccessToken));

        Assert.Equal(first.SessionId, second.SessionId);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(StatusCode.Unauthenticated, reuse.StatusCode);
        Assert.Equal("the refresh token is not valid; sign in again", reuse.Status.Detail);
        Assert.Equal(reuse.Status.Detail, afterReuse.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, tokenAfterReuse.StatusCode);
    }

    [Fact]
    public async Task SetAccountPassword_EndsEverySessionOfTheAccount_ValidateTokenAndRefreshRefuseAtOnce()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var first = await tenant.LoginAsync();
        var second = await tenant.LoginAsync(tenant.Email);
        await tenant.ValidateAsync(first.AccessToken);

        await host.AdminClient().SetAccountPasswordAsync(
            new SetAccountPasswordRequest { TenantId = tenant.TenantId, AccountId = tenant.AccountId, Password = "another good password" },
            GridHostFixture.Bearer(tenant.AdminToken));
        var refused = new[]
        {
            await Assert.ThrowsAsync<RpcException>(() => tenant.ValidateAsync(first.AccessToken)),
            await Assert.ThrowsAsync<RpcException>(() => tenant.ValidateAsync(second.AccessToken)),
            await Assert.ThrowsAsync<RpcException>(() => tenant.RefreshAsync(first.RefreshToken)),
            await Assert.ThrowsAsync<RpcException>(() => tenant.RefreshAsync(second.RefreshToken)),
        };
        var after = await tenant.LoginAsync(password: "another good password");

        Assert.All(refused, e => Assert.Equal(StatusCode.Unauthenticated, e.StatusCode));
        Assert.Equal(tenant.AccountId, (await tenant.ValidateAsync(after.AccessToken)).AccountId);
    }

    [Theory]
    [InlineData(Grid.Abstractions.Directory.AccountStatus.Disabled)]
    [InlineData(Grid.Abstractions.Directory.AccountStatus.Deleted)]
    public async Task AnAccountDisabledOrDeparted_LosesItsSessionsAtOnce_NotAtTheirTokensExpiry(Grid.Abstractions.Directory.AccountStatus status)
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var session = await tenant.LoginAsync();
        await tenant.ValidateAsync(session.AccessToken);

        await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant.TenantId, tenant.AccountId)).SetStatus(status);
        var validate = await Assert.ThrowsAsync<RpcException>(() => tenant.ValidateAsync(session.AccessToken));
        var refresh = await Assert.ThrowsAsync<RpcException>(() => tenant.RefreshAsync(session.RefreshToken));

        Assert.Equal((StatusCode.Unauthenticated, "the access token is not valid"), (validate.StatusCode, validate.Status.Detail));
        Assert.Equal(StatusCode.Unauthenticated, refresh.StatusCode);
    }

    [Fact]
    public async Task RevokeSession_MakesValidateTokenRefuseAtOnce_AndTheRefreshTokenStopWorking()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var session = await tenant.LoginAsync();
        await tenant.ValidateAsync(session.AccessToken);

        var revoked = await tenant.Auth.RevokeSessionAsync(
            new RevokeSessionRequest { TenantId = tenant.TenantId, RefreshToken = session.RefreshToken }, tenant.Frontend);
        var validate = await Assert.ThrowsAsync<RpcException>(() => tenant.ValidateAsync(session.AccessToken));
        var refresh = await Assert.ThrowsAsync<RpcException>(() => tenant.RefreshAsync(session.RefreshToken));
        var again = await tenant.Auth.RevokeSessionAsync(
            new RevokeSessionRequest { TenantId = tenant.TenantId, SessionId = session.SessionId }, tenant.Frontend);

        Assert.Equal(session.SessionId, revoked.SessionId);
        Assert.Equal(StatusCode.Unauthenticated, validate.StatusCode);
        Assert.Equal("the access token is not valid", validate.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, refresh.StatusCode);
        Assert.Equal(revoked.RevokedAt, again.RevokedAt);
    }

    [Fact]
    public async Task ValidateToken_RefusesTamperedForeignAndServiceTokens_WithOneMessage()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var other = await SignInTenant.CreateAsync(host);
        var session = await tenant.LoginAsync();
        var foreign = await other.LoginAsync();
        var parts = session.AccessToken.Split('.');
        var tampered = $"{parts[0]}.{parts[1][..^2]}{(parts[1][^2] == 'A' ? 'B' : 'A')}{parts[1][^1]}.{parts[2]}";

        var errors = new[]
        {
            await Assert.ThrowsAsync<RpcException>(() => tenant.ValidateAsync(tampered)),
            await Assert.ThrowsAsync<RpcException>(() => tenant.ValidateAsync(foreign.AccessToken)),
            await Assert.ThrowsAsync<RpcException>(() => tenant.ValidateAsync(tenant.FrontendToken)),
            await Assert.ThrowsAsync<RpcException>(() => tenant.ValidateAsync("not-a-jwt")),
        };

        Assert.All(errors, error => Assert.Equal((StatusCode.Unauthenticated, "the access token is not valid"), (error.StatusCode, error.Status.Detail)));
    }

    [Fact]
    public async Task AnEndUserToken_IsNotAServiceClientCredential()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var session = await tenant.LoginAsync();
        Assert.Equal(AccessTokenClaimTypes.EndUserTokenType, new JsonWebToken(session.AccessToken).GetClaim("token_type").Value);

        var directory = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().GetAccountAsync(
            new GetAccountRequest { TenantId = tenant.TenantId, AccountId = tenant.AccountId }, GridHostFixture.Bearer(session.AccessToken)).ResponseAsync);
        var signIn = await Assert.ThrowsAsync<RpcException>(() => tenant.Auth.ValidateTokenAsync(
            new ValidateTokenRequest { TenantId = tenant.TenantId, AccessToken = session.AccessToken }, GridHostFixture.Bearer(session.AccessToken)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, directory.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, signIn.StatusCode);
    }

    [Fact]
    public async Task SignInRpcs_RequireTheAuthFrontendScopeForTheCallersOwnTenant()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var other = await SignInTenant.CreateAsync(host);

        var adminCaller = await Assert.ThrowsAsync<RpcException>(() => tenant.Auth.PasswordLoginAsync(
            new PasswordLoginRequest { TenantId = tenant.TenantId, ConnectorId = SignInTenant.ConnectorId, Login = tenant.Username, Password = SignInTenant.Password },
            GridHostFixture.Bearer(tenant.AdminToken)).ResponseAsync);
        var otherTenant = await Assert.ThrowsAsync<RpcException>(() => tenant.Auth.PasswordLoginAsync(
            new PasswordLoginRequest { TenantId = tenant.TenantId, ConnectorId = SignInTenant.ConnectorId, Login = tenant.Username, Password = SignInTenant.Password },
            other.Frontend).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, adminCaller.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherTenant.StatusCode);
    }

    [Fact]
    public async Task SetAccountPassword_TooShort_IsInvalidArgumentNamingTheField_AndTheOldPasswordStillWorks()
    {
        var tenant = await SignInTenant.CreateAsync(host);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().SetAccountPasswordAsync(
            new SetAccountPasswordRequest { TenantId = tenant.TenantId, AccountId = tenant.AccountId, Password = "short" },
            GridHostFixture.Bearer(tenant.AdminToken)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("password", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
        Assert.Equal(tenant.AccountId, (await tenant.LoginAsync()).AccountId);
        var audit = await host.AdminClient().ListAuditEntriesAsync(
            new ListAuditEntriesRequest { TenantId = tenant.TenantId }, GridHostFixture.Bearer(tenant.AdminToken));
        Assert.Single(audit.Entries, entry => entry.Action == "account.set-password" && entry.Target == $"account/{tenant.AccountId}");
    }

    [Fact]
    public async Task ConfigureWeCom_TurningOffTheLastFallbackWhileWeComLoginIsOn_IsRefused()
    {
        var tenant = await SignInTenant.CreateAsync(host);
        var request = ConnectorSamples.Configure(tenant.TenantId, SignInTenant.ConnectorId);
        request.Settings.Features.PasswordFallback = false;
        request.Settings.Features.SmsFallback = false;

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(request, GridHostFixture.Bearer(tenant.AdminToken)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(error.GetBadRequest()!.FieldViolations, v => v.Description.Contains("at least one fallback", StringComparison.Ordinal));
        Assert.Equal(tenant.AccountId, (await tenant.LoginAsync()).AccountId);
    }

    private static string Answer(RpcException error) =>
        $"{error.StatusCode}: {Regex.Replace(error.Status.Detail, "[0-9]+ s", "N s")}";

    private static async Task<TimeSpan> TimeRefusalAsync(Func<Task> login)
    {
        var started = Stopwatch.GetTimestamp();
        await Assert.ThrowsAsync<RpcException>(login);
        return Stopwatch.GetElapsedTime(started);
    }

    private static double Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2).TotalMilliseconds;
}
