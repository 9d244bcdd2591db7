using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.WeCom.Api;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Tests.Simulator;

/// <summary>The /_sim/ HTTP API and the admin-console behaviours that have no WeCom API.</summary>
public sealed class SimulatorControlTests
{
    [Fact]
    public async Task ConfigureCallback_SavesTheSettingsOnlyAfterTheUrlCheckPasses()
    {
        // WeCom allows 1 s; a busy test machine gets more.
        await using var harness = await SimulatorHarness.StartAsync(configure: options => options.Callbacks.VerificationTimeout = TimeSpan.FromSeconds(10));
        await using var receiver = await CallbackReceiver.StartAsync(harness.Company.CorpId);
        var settings = new SimulatedCallbackSettings { Url = receiver.Url, Token = CallbackReceiver.Token, EncodingAesKey = CallbackReceiver.EncodingAesKey };

        receiver.AnswerUrlChecksWrongly = true;
        var refused = await Assert.ThrowsAsync<WeComSimulatorException>(() => harness.Simulator.ConfigureCallbackAsync(harness.AgentId, settings));
        Assert.Equal(40057, refused.ErrCode);
        Assert.Null(harness.Company.DefaultApp.Callback);

        receiver.AnswerUrlChecksWrongly = false;
        var app = await harness.Simulator.ConfigureCallbackAsync(harness.AgentId, settings);

        Assert.Equal(receiver.Url, app.Callback?.Url);
        Assert.Equal(2, receiver.UrlChecks);
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", null)] // 33 characters
    [InlineData("grid-token", null)]
    [InlineData("", null)]
    [InlineData(null, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF")] // 42 characters
    [InlineData(null, "abcdefghijklmnopqrstuvwxyz0123456789ABCDE+G")]
    public async Task ConfigureCallback_RefusesATokenOrKeyWeComRefuses_With40058AndChangesNothing(string? token, string? key)
    {
        await using var harness = await SimulatorHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync(harness.Company.CorpId);
        var settings = new SimulatedCallbackSettings
        {
            Url = receiver.Url, Token = token ?? CallbackReceiver.Token, EncodingAesKey = key ?? CallbackReceiver.EncodingAesKey,
        };

        var refused = await Assert.ThrowsAsync<WeComSimulatorException>(() => harness.Simulator.ConfigureCallbackAsync(harness.AgentId, settings));

        Assert.Equal(40058, refused.ErrCode);
        Assert.Null(harness.Company.DefaultApp.Callback);
        Assert.Equal(0, receiver.UrlChecks);
    }

    [Fact]
    public async Task ConfigureCallback_AcceptsA32CharacterToken()
    {
        await using var harness = await SimulatorHarness.StartAsync(configure: options => options.Callbacks.VerificationTimeout = TimeSpan.FromSeconds(10));
        await using var receiver = await CallbackReceiver.StartAsync(harness.Company.CorpId, token: new string('T', 32));
        var settings = new SimulatedCallbackSettings { Url = receiver.Url, Token = new string('T', 32), EncodingAesKey = CallbackReceiver.EncodingAesKey };

        var app = await harness.Simulator.ConfigureCallbackAsync(harness.AgentId, settings);

        Assert.Equal(receiver.Url, app.Callback?.Url);
    }

    [Fact]
    public async Task SimApi_MutatesTheCompany_AndTheApiServesTheChange()
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var http = harness.Browser;
        var department = harness.Company.Departments.First(d => d.Id != 1).Id;

        using var created = await http.PostAsJsonAsync(
            new Uri("_sim/members", UriKind.Relative),
            new { userid = "zhaoliu", name = "赵六", department = new[] { department }, position = "测试工程师", mobile = "13600000001" });
        var user = await harness.Client.GetUserAsync(harness.App, "zhaoliu");
        using var renamed = await http.PostAsJsonAsync(new Uri("_sim/members/zhaoliu/userid", UriKind.Relative), new { new_userid = "zhaoliu2" });
        using var renamedAgain = await http.PostAsJsonAsync(new Uri("_sim/members/zhaoliu2/userid", UriKind.Relative), new { new_userid = "zhaoliu3" });
        using var duplicate = await http.PostAsJsonAsync(
            new Uri("_sim/members", UriKind.Relative), new { userid = "ZHAOLIU2", name = "重名", department = new[] { department } });
        using var deleted = await http.DeleteAsync(new Uri("_sim/members/zhaoliu2", UriKind.Relative));
        var gone = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetUserAsync(harness.App, "zhaoliu2"));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("赵六", user.Name);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, renamedAgain.StatusCode);
        Assert.Equal(301036, await ErrCodeOfAsync(renamedAgain));
        Assert.Equal(60102, await ErrCodeOfAsync(duplicate));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(60111, gone.ErrCode);
    }

    [Fact]
    public async Task SimApi_ShrinksTheScope_RevokesTokens_AndInjectsFaults()
    {
        await using var harness = await SimulatorHarness.StartAsync(clientSettings: new Dictionary<string, string?>
        {
            ["WeCom:Retry:MaxRetryAttempts"] = "0",
        });
        var http = harness.Browser;
        var outside = harness.ActiveMember(m => !m.Departments.Contains(1));
        var inside = harness.Company.Departments.First(d => d.Id != 1 && !outside.Departments.Contains(d.Id) && harness.Company.ChildrenOf(d.Id).Count == 0).Id;
        var before = await harness.Client.GetAccessTokenAsync(harness.App);

        using var scope = await http.PutAsJsonAsync(new Uri($"_sim/apps/{harness.AgentId}/scope", UriKind.Relative), new { departments = new[] { inside } });
        using var revoke = await http.PostAsync(new Uri($"_sim/apps/{harness.AgentId}/revoke-tokens", UriKind.Relative), null);
        var outOfScope = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetUserAsync(harness.App, outside.UserId));
        var after = await harness.Client.GetAccessTokenAsync(harness.App);
        using var fault = await http.PostAsJsonAsync(new Uri("_sim/faults", UriKind.Relative), new { path = "department/get", kind = "http_status", status = 502, times = 1 });
        var faulted = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetDepartmentAsync(harness.App, inside));
        var department = await harness.Client.GetDepartmentAsync(harness.App, inside);
        var calls = JsonDocument.Parse(await http.GetStringAsync(new Uri("_sim/calls", UriKind.Relative))).RootElement.GetProperty("calls");

        Assert.Equal(HttpStatusCode.OK, scope.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(60011, outOfScope.ErrCode);
        Assert.NotEqual(before.Value, after.Value);
        Assert.Equal(HttpStatusCode.OK, fault.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, faulted.StatusCode);
        Assert.Equal(inside, department.Id);
        Assert.Equal(2, calls.GetProperty("/cgi-bin/department/get").GetInt32());
    }

    [Fact]
    public async Task SimApi_CompanyShowsTheAppToConfigureAClient()
    {
        await using var harness = await SimulatorHarness.StartAsync();

        var company = JsonDocument.Parse(await harness.Browser.GetStringAsync(new Uri("_sim/company", UriKind.Relative))).RootElement;

        Assert.Equal(harness.Company.CorpId, company.GetProperty("corpid").GetString());
        Assert.Equal(harness.Company.MemberCount, company.GetProperty("members").GetInt32());
        var app = company.GetProperty("apps")[0];
        Assert.Equal(harness.AgentId, app.GetProperty("agentid").GetInt32());
        Assert.Equal(harness.App.Secret, app.GetProperty("secret").GetString());
    }

    [Theory]
    [InlineData("_sim/sms", "mobile", "+8613800000001", "+8613800000002")]
    [InlineData("_sim/email", "to", "li@example.com", "wang@example.com")]
    public async Task SimApi_GatewayInbox_KeepsWhatIsPosted_ListsItPerRecipient_AndRefusesAMessageWithoutAField(
        string path, string recipientField, string first, string second)
    {
        await using var harness = await SimulatorHarness.StartAsync();
        var http = harness.Browser;
        object Message(string to) => recipientField == "to"
            ? new { to, subject = "Confirm", text = $"for {to}" }
            : new { mobile = to, text = $"for {to}" };

        using var one = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), Message(first));
        using var two = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), Message(second));
        using var incomplete = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), new { text = "no recipient" });
        var all = JsonDocument.Parse(await http.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement.GetProperty("messages");
        var toSecond = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{path}?{recipientField}={Uri.EscapeDataString(second)}", UriKind.Relative)))
            .RootElement.GetProperty("messages");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Equal([first, second], all.EnumerateArray().Select(m => m.GetProperty(recipientField).GetString()));
        var only = Assert.Single(toSecond.EnumerateArray());
        Assert.Equal($"for {second}", only.GetProperty("text").GetString());
        Assert.True(only.TryGetProperty("received_at", out _));
    }

    private static async Task<int> ErrCodeOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errcode").GetInt32();
}
