using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.WeCom.Simulator.Model;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Login;

/// <summary>Auth.BeginWeComLogin / CompleteWeComLogin over real gRPC against the simulated WeCom over HTTP.</summary>
[Collection(GridHostCollection.Name)]
public sealed class WeComLoginTests(GridHostFixture host)
{
    [Fact]
    public async Task QrLogin_BegunAndCompleted_ReturnsTheMembersAccount()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember();

        var begun = await scenario.BeginAsync(WeComLoginMode.Qr, returnTo: "/app?x=1");
        var (code, state, redirect) = await LoginScenario.AuthorizeAsync(begun.Url, member.UserId);
        var completed = await scenario.CompleteAsync(state, code, begun.BrowserBinding);

        Assert.StartsWith(host.Simulator.BaseAddress.AbsoluteUri + "wwlogin/sso/login?login_type=CorpApp", begun.Url, StringComparison.Ordinal);
        Assert.Equal(begun.State, state);
        Assert.Equal($"/t/{scenario.TenantId}/login/wecom/callback", redirect.AbsolutePath);
        Assert.Equal(scenario.Domain, $"{redirect.Host}:{redirect.Port}");
        Assert.Equal(member.UserId, completed.WecomUserid);
        Assert.Equal(member.Name, completed.Account.DisplayName);
        Assert.Equal($"http://{scenario.Domain}/app?x=1", completed.ReturnTo);
        Assert.Null(completed.ConsentExpiresAt);
        Assert.Equal(SignInMethod.WecomQr, completed.Session.Method);
        Assert.Equal(completed.Account.AccountId, completed.Session.AccountId);
        var validated = await scenario.AuthClient.ValidateTokenAsync(
            new ValidateTokenRequest { TenantId = scenario.TenantId, AccessToken = completed.Session.AccessToken }, scenario.Auth);
        Assert.Equal(completed.Account.AccountId, validated.AccountId);
    }

    [Fact]
    public async Task TamperedState_IsRefused_AndTheRealStateStillCannotBeUsedByAnotherBrowser()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var begun = await scenario.BeginAsync(WeComLoginMode.Qr);
        var (code, state, _) = await LoginScenario.AuthorizeAsync(begun.Url, scenario.ActiveMember().UserId);

        var tampered = await Assert.ThrowsAsync<RpcException>(() => scenario.CompleteAsync(state[..^1] + (state[^1] == 'a' ? 'b' : 'a'), code, begun.BrowserBinding));
        var otherBrowser = await Assert.ThrowsAsync<RpcException>(() => scenario.CompleteAsync(state, code, "another-browsers-binding"));
        var afterwards = await Assert.ThrowsAsync<RpcException>(() => scenario.CompleteAsync(state, code, begun.BrowserBinding));

        Assert.Equal(StatusCode.FailedPrecondition, tampered.StatusCode);
        Assert.Contains("not valid", tampered.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, otherBrowser.StatusCode);
        Assert.Contains("another browser", otherBrowser.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, afterwards.StatusCode);
        Assert.Contains("already been used", afterwards.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReusedCode_WithAFreshState_IsRefusedByWeCom_WithoutSayingWhatWasWrong()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember();
        var first = await scenario.BeginAsync(WeComLoginMode.Qr);
        var (code, state, _) = await LoginScenario.AuthorizeAsync(first.Url, member.UserId);
        await scenario.CompleteAsync(state, code, first.BrowserBinding);

        var second = await scenario.BeginAsync(WeComLoginMode.Qr);
        var reused = await Assert.ThrowsAsync<RpcException>(() => scenario.CompleteAsync(second.State, code, second.BrowserBinding));

        Assert.Equal(StatusCode.Unauthenticated, reused.StatusCode);
        Assert.Equal("WeCom did not confirm the sign-in. Start again from the login page.", reused.Status.Detail);
    }

    [Fact]
    public async Task MemberNotSynchronizedYet_IsProvisionedAtSignIn_WhenContactSyncIsOn()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var userId = "joined-" + Guid.NewGuid().ToString("N")[..8];
        host.Simulator.Company.AddMember(new SimulatedMember { UserId = userId, Name = "新同事", Departments = [1] });

        var begun = await scenario.BeginAsync(WeComLoginMode.Qr);
        var (code, state, _) = await LoginScenario.AuthorizeAsync(begun.Url, userId);
        var completed = await scenario.CompleteAsync(state, code, begun.BrowserBinding);

        Assert.Equal(userId, completed.WecomUserid);
        Assert.Equal("新同事", completed.Account.DisplayName);
        Assert.Contains(completed.Account.ExternalIds, id => id.Value == userId);
    }

    [Fact]
    public async Task DisabledAccount_IsRefused_WithAClearMessage()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember(skip: 1);
        var linked = await host.Grains.GetGrain<IWeComMemberGrain>(SyncKeys.Member(scenario.TenantId, LoginScenario.ConnectorId, member.UserId)).Get();
        await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account(scenario.TenantId, linked!.AccountId!)).SetStatus(Abstractions.Directory.AccountStatus.Disabled);

        var begun = await scenario.BeginAsync(WeComLoginMode.Qr);
        var (code, state, _) = await LoginScenario.AuthorizeAsync(begun.Url, member.UserId);
        var refused = await Assert.ThrowsAsync<RpcException>(() => scenario.CompleteAsync(state, code, begun.BrowserBinding));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("disabled or no longer with the organization", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebLogin_WithConsent_KeepsTheConsentedFieldsForThirtyDays_AndTheNextLoginAsksNothingNew()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember(skip: 2);

        var first = await scenario.BeginAsync(WeComLoginMode.Web);
        var (code, state, _) = await LoginScenario.AuthorizeAsync(first.Url, member.UserId, consent: "mobile,gender");
        var completed = await scenario.CompleteAsync(state, code, first.BrowserBinding);
        var stored = await host.Grains.GetGrain<IWeComMemberGrain>(SyncKeys.Member(scenario.TenantId, LoginScenario.ConnectorId, member.UserId)).Get();
        var again = await scenario.BeginAsync(WeComLoginMode.Web, knownUserId: member.UserId);
        var admin = await host.AdminClient().GetWeComMemberAsync(
            new GetWeComMemberRequest { TenantId = scenario.TenantId, ConnectorId = LoginScenario.ConnectorId, WecomUserid = member.UserId }, scenario.Auth);
        var lookup = await host.DirectoryClient().LookupAccountAsync(
            new LookupAccountRequest { TenantId = scenario.TenantId, ConnectorId = LoginScenario.ConnectorId, WecomUserid = member.UserId }, scenario.Auth);

        Assert.Contains("scope=snsapi_privateinfo", first.Url, StringComparison.Ordinal);
        Assert.NotNull(completed.ConsentExpiresAt);
        Assert.InRange(completed.ConsentExpiresAt.ToDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        Assert.Equal(member.Mobile, completed.Account.Mobile);
        // WeCom answers an avatar (its default picture) even without consent to it; what it leaves out is not written.
        Assert.Equal(["avatar", "gender", "mobile"], stored!.ConsentedFields.Keys);
        Assert.Contains("scope=snsapi_base", again.Url, StringComparison.Ordinal);
        Assert.Equal(WeComConsentState.Valid, admin.Member.Consent.State);
        Assert.Equal(completed.ConsentExpiresAt, admin.Member.Consent.ExpiresAt);
        Assert.Equal(["avatar", "gender", "mobile"], admin.Member.Consent.Fields);
        Assert.Equal(WeComConsentState.Valid, lookup.WecomConsent.State);
    }

    [Fact]
    public async Task ReturnAddressOnAnotherOrigin_IsRefused_UnlessTheConnectorAllowsIt()
    {
        var scenario = await LoginScenario.StartAsync(host, request => request.Settings.AllowedReturnOrigins.Add("https://app.example.com"));

        var refused = await Assert.ThrowsAsync<RpcException>(() => scenario.BeginAsync(WeComLoginMode.Qr, returnTo: "https://evil.example/steal"));
        var protocolRelative = await Assert.ThrowsAsync<RpcException>(() => scenario.BeginAsync(WeComLoginMode.Qr, returnTo: "//evil.example/steal"));
        var allowed = await scenario.BeginAsync(WeComLoginMode.Qr, returnTo: "https://app.example.com/home");

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("return_to: not an address this tenant allows", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, protocolRelative.StatusCode);
        Assert.NotEmpty(allowed.Url);
    }

    [Fact]
    public async Task LoginBegunForAConnectorOfAnotherDomain_IsRefused_NamingTheTwoDomains()
    {
        var scenario = await LoginScenario.StartAsync(host);
        var request = ConnectorSamples.ForSimulator(host, scenario.TenantId, "elsewhere");
        await host.AdminClient().ConfigureWeComAsync(request, scenario.Auth);

        var refused = await Assert.ThrowsAsync<RpcException>(() => scenario.AuthClient.BeginWeComLoginAsync(
            new BeginWeComLoginRequest { TenantId = scenario.TenantId, ConnectorId = "elsewhere", Mode = WeComLoginMode.Qr }, scenario.Auth).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains($"'{scenario.Domain}'", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'sso.example.com'", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("three-domain rule", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeginWithoutTheFrontendScope_IsPermissionDenied()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.DirectoryRead);

        var refused = await Assert.ThrowsAsync<RpcException>(() => new Contracts.V1.Auth.AuthClient(host.Channel).BeginWeComLoginAsync(
            new BeginWeComLoginRequest { TenantId = tenantId, ConnectorId = "main", Mode = WeComLoginMode.Qr }, GridHostFixture.Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }
}
