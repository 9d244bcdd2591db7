using System.Net;
using System.Text;
using Grid.WeCom.Api;
using Grid.WeCom.Login;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Tests.Simulator;

public sealed class SimulatorLoginTests
{
    private static readonly Uri Callback = new("http://127.0.0.1:5080/t/acme/login/wecom/callback");

    [Fact]
    public async Task QrLogin_WhenAMemberScans_RedirectsWithCodeAndState_AndTheCodeNamesTheMember()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember();

        var redirect = await harness.FollowLoginAsync(QrUrl(harness, "st4te") + "&sim_userid=" + Uri.EscapeDataString(member.UserId));
        var info = await harness.Client.GetUserInfoAsync(harness.App, SimulatorHarness.QueryValue(redirect, "code")!);

        Assert.Equal(Callback.GetLeftPart(UriPartial.Path), redirect.GetLeftPart(UriPartial.Path));
        Assert.Equal("st4te", SimulatorHarness.QueryValue(redirect, "state"));
        Assert.Equal(member.UserId, info.UserId);
        Assert.Null(info.UserTicket);
        Assert.Null(info.OpenId);
    }

    [Fact]
    public async Task QrLoginPage_ListsInScopeMembersAsLinks_AndDeniesWithStateOnly()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember();

        using var page = await harness.Browser.GetAsync(new Uri(QrUrl(harness, "abc"), UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var denied = await harness.FollowLoginAsync(QrUrl(harness, "abc") + "&sim_deny=1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"扫码 as {member.Name} ({member.UserId})", html, StringComparison.Ordinal);
        Assert.Null(SimulatorHarness.QueryValue(denied, "code"));
        Assert.Equal("abc", SimulatorHarness.QueryValue(denied, "state"));
    }

    [Fact]
    public async Task Code_UsedTwice_IsRefusedWith40029()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var code = await QrCodeForAsync(harness, harness.ActiveMember().UserId);

        await harness.Client.GetUserInfoAsync(harness.App, code);
        var error = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetUserInfoAsync(harness.App, code));

        Assert.Equal(40029, error.ErrCode);
    }

    [Fact]
    public async Task Code_OlderThanFiveMinutes_IsRefusedWith40029()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var code = await QrCodeForAsync(harness, harness.ActiveMember().UserId);
        await harness.Client.GetAccessTokenAsync(harness.App);

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var error = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetUserInfoAsync(harness.App, code));

        Assert.Equal(40029, error.ErrCode);
    }

    [Fact]
    public async Task RedirectUri_OnAnotherHostOrPort_GetsTheDomainErrorPage_AndNoCode()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember();
        var urls = new WeComLoginUrls(harness.Host.BaseAddress, harness.Host.BaseAddress);

        foreach (var redirect in new[] { "http://127.0.0.1:5081/cb", "http://localhost:5080/cb", "https://evil.example/cb" })
        {
            var url = urls.QrLogin(harness.App.CorpId, harness.App.AgentId, new Uri(redirect), "s1") + "&sim_userid=" + member.UserId;
            using var response = await harness.Browser.GetAsync(new Uri(url));
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Contains("redirect_uri 参数错误", html, StringComparison.Ordinal);
            Assert.Contains("domain_err", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetUserInfo_WithACodeIssuedForAnotherAppsDomain_IsRefusedWith50001()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        harness.Company.AddApp(new SimulatedApp { AgentId = 1000009, Secret = "portal-secret", TrustedDomain = "portal.example" });
        var portal = new WeComApp(harness.Company.CorpId, "1000009", "portal-secret");
        var code = await QrCodeForAsync(harness, harness.ActiveMember().UserId);

        var error = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetUserInfoAsync(portal, code));
        var info = await harness.Client.GetUserInfoAsync(harness.App, code);

        Assert.Equal(50001, error.ErrCode);
        Assert.NotNull(info.UserId);
    }

    [Fact]
    public async Task QrLogin_ByAMemberOutsideTheScope_IsRefused()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember(m => !m.Departments.Contains(1));
        harness.Company.SetVisibleScope(harness.AgentId, [], [harness.ActiveMember(m => m.UserId != member.UserId).UserId]);

        using var response = await harness.Browser.GetAsync(new Uri(QrUrl(harness, "s") + "&sim_userid=" + member.UserId, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权限", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAuthBase_ForAMemberOutsideTheScope_StillYieldsTheUserId_WithoutTicket()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember(m => !m.Departments.Contains(1));
        harness.Company.SetVisibleScope(harness.AgentId, [], [harness.ActiveMember(m => m.UserId != member.UserId).UserId]);

        var redirect = await harness.FollowLoginAsync(OAuthUrl(harness, WeComOAuthScope.Base) + "&sim_userid=" + member.UserId);
        var info = await harness.Client.GetUserInfoAsync(harness.App, SimulatorHarness.QueryValue(redirect, "code")!);

        Assert.Equal(member.UserId, info.UserId);
        Assert.Null(info.UserTicket);
    }

    [Fact]
    public async Task OAuth_InsideTheWeComClient_IsSilentForSnsapiBase_AndOffersOnlyTheClientsMemberForPrivateInfo()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember();
        var other = harness.ActiveMember(m => m.UserId != member.UserId);

        using var silent = await InClientAsync(harness, OAuthUrl(harness, WeComOAuthScope.Base), member.UserId);
        var info = await harness.Client.GetUserInfoAsync(harness.App, SimulatorHarness.QueryValue(silent.Headers.Location!, "code")!);
        using var manual = await InClientAsync(harness, OAuthUrl(harness, WeComOAuthScope.PrivateInfo), member.UserId);
        var page = await manual.Content.ReadAsStringAsync();
        using var outside = await harness.Browser.GetAsync(new Uri(OAuthUrl(harness, WeComOAuthScope.Base)));

        Assert.Equal(HttpStatusCode.Found, silent.StatusCode);
        Assert.Equal(member.UserId, info.UserId);
        Assert.Equal(HttpStatusCode.OK, manual.StatusCode);
        Assert.Contains($"data-userid=\"{member.UserId}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-userid=\"{other.UserId}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
    }

    [Fact]
    public async Task OAuth_ForANonMember_YieldsAnOpenId()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        var redirect = await harness.FollowLoginAsync(OAuthUrl(harness, WeComOAuthScope.Base) + "&sim_openid=oWeChatUser1");
        var info = await harness.Client.GetUserInfoAsync(harness.App, SimulatorHarness.QueryValue(redirect, "code")!);

        Assert.False(info.IsMember);
        Assert.Equal("oWeChatUser1", info.OpenId);
    }

    [Fact]
    public async Task PrivateInfo_GetUserDetail_ReturnsOnlyFieldsTheAdminAllowsAndTheMemberConsentedTo()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        harness.Company.UpdateApp(harness.AgentId, app => app with
        {
            AllowedSensitiveFields = SensitiveFields.Mobile | SensitiveFields.Email | SensitiveFields.Gender,
        });
        var member = harness.ActiveMember(m => m.Gender != "0" && m.Address.Length > 0);

        // Before consent the contact API hides them.
        var plain = await harness.Client.GetUserAsync(harness.App, member.UserId);
        var redirect = await harness.FollowLoginAsync(
            OAuthUrl(harness, WeComOAuthScope.PrivateInfo) + "&sim_userid=" + member.UserId + "&sim_consent=mobile,address,gender");
        var info = await harness.Client.GetUserInfoAsync(harness.App, SimulatorHarness.QueryValue(redirect, "code")!);
        var detail = await harness.Client.GetUserDetailAsync(harness.App, info.UserTicket!);

        Assert.Null(plain.Mobile);
        Assert.Equal(member.UserId, detail.UserId);
        Assert.Equal(member.Mobile, detail.Mobile);
        Assert.Equal(member.Gender, detail.Gender);
        Assert.Null(detail.Email);
        Assert.Null(detail.Address);
        Assert.Null(detail.BizMail);
        Assert.Null(detail.QrCode);
        Assert.NotEqual(member.Avatar, detail.Avatar);
    }

    [Fact]
    public async Task PrivateInfo_WithDefaultConsent_ReturnsEveryAllowedField()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember(m => m.Address.Length > 0);

        var redirect = await harness.FollowLoginAsync(OAuthUrl(harness, WeComOAuthScope.PrivateInfo) + "&sim_userid=" + member.UserId);
        var info = await harness.Client.GetUserInfoAsync(harness.App, SimulatorHarness.QueryValue(redirect, "code")!);
        var detail = await harness.Client.GetUserDetailAsync(harness.App, info.UserTicket!);

        Assert.Equal(member.Mobile, detail.Mobile);
        Assert.Equal(member.Email, detail.Email);
        Assert.Equal(member.BizMail, detail.BizMail);
        Assert.Equal(member.Address, detail.Address);
        Assert.Equal(member.Avatar, detail.Avatar);
        Assert.Equal(member.QrCode, detail.QrCode);
    }

    [Fact]
    public async Task UserTicket_After1800Seconds_IsRefusedWith84014()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var redirect = await harness.FollowLoginAsync(OAuthUrl(harness, WeComOAuthScope.PrivateInfo) + "&sim_userid=" + harness.ActiveMember().UserId);
        var info = await harness.Client.GetUserInfoAsync(harness.App, SimulatorHarness.QueryValue(redirect, "code")!);
        await harness.Client.GetUserDetailAsync(harness.App, info.UserTicket!);

        harness.Time.Advance(TimeSpan.FromSeconds(1800));
        var error = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetUserDetailAsync(harness.App, info.UserTicket!));

        Assert.Equal(84014, error.ErrCode);
    }

    [Fact]
    public async Task PrivateInfo_WithoutAgentId_IsTreatedAsBase_AndGivesNoTicket()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember();
        var url = new StringBuilder("connect/oauth2/authorize?appid=").Append(harness.App.CorpId)
            .Append("&redirect_uri=").Append(Uri.EscapeDataString(Callback.AbsoluteUri))
            .Append("&response_type=code&scope=snsapi_privateinfo&state=s&sim_userid=").Append(member.UserId).ToString();

        var redirect = await harness.FollowLoginAsync(url);
        var info = await harness.Client.GetUserInfoAsync(harness.App, SimulatorHarness.QueryValue(redirect, "code")!);

        Assert.Equal(member.UserId, info.UserId);
        Assert.Null(info.UserTicket);
    }

    [Fact]
    public async Task PrivateInfo_ForAMemberOutsideTheScope_ShowsAnErrorPage()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var member = harness.ActiveMember(m => !m.Departments.Contains(1));
        harness.Company.SetVisibleScope(harness.AgentId, [], [harness.ActiveMember(m => m.UserId != member.UserId).UserId]);

        using var response = await harness.Browser.GetAsync(new Uri(OAuthUrl(harness, WeComOAuthScope.PrivateInfo) + "&sim_userid=" + member.UserId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task LoginPage_ForADisabledMember_IssuesNoCode()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var disabled = harness.Company.Members.First(m => m.Status != MemberStatus.Active);

        using var response = await harness.Browser.GetAsync(new Uri(QrUrl(harness, "s") + "&sim_userid=" + disabled.UserId, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string QrUrl(SimulatorHarness harness, string state) =>
        new WeComLoginUrls(harness.Host.BaseAddress, harness.Host.BaseAddress)
            .QrLogin(harness.App.CorpId, harness.App.AgentId, Callback, state)
            .Replace(harness.Host.BaseAddress.AbsoluteUri.TrimEnd('/'), "", StringComparison.Ordinal)
            .TrimStart('/');

    // A request from WeCom's in-app browser (its user agent) signed in to the client as the member.
    private static Task<HttpResponseMessage> InClientAsync(SimulatorHarness harness, string url, string userId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url));
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 wxwork/4.1.22 MicroMessenger/7.0.1");
        request.Headers.Add("Cookie", "sim_wxwork_userid=" + Uri.EscapeDataString(userId));
        return harness.Browser.SendAsync(request);
    }

    private static string OAuthUrl(SimulatorHarness harness, WeComOAuthScope scope)
    {
        var url = new WeComLoginUrls(harness.Host.BaseAddress, harness.Host.BaseAddress)
            .OAuthAuthorize(harness.App.CorpId, harness.App.AgentId, Callback, "oauthstate", scope);
        // The #wechat_redirect fragment never reaches a server.
        return url[..url.IndexOf('#', StringComparison.Ordinal)];
    }

    private static async Task<string> QrCodeForAsync(SimulatorHarness harness, string userId)
    {
        var redirect = await harness.FollowLoginAsync(QrUrl(harness, "s") + "&sim_userid=" + Uri.EscapeDataString(userId));
        return SimulatorHarness.QueryValue(redirect, "code") ?? throw new InvalidOperationException("no code in " + redirect);
    }
}
