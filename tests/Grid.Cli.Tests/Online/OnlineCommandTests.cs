using System.Text.Json;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Testing;
using Grid.WeCom.Callbacks;

namespace Grid.Cli.Tests.Online;

[Collection(OnlineHostCollection.Name)]
public sealed class OnlineCommandTests(OnlineHostFixture host) : IDisposable
{
    private readonly string _configDirectory = Directory.CreateTempSubdirectory("gridctl-config-").FullName;

    public void Dispose() => Directory.Delete(_configDirectory, recursive: true);

    private Task<GridCtlRun> RunAsync(params string[] args) => GridCtlRun.RunAsync(_configDirectory, host.DevCredentialPath, args);

    [Fact]
    public async Task WeComEvents_ListAsItemsWithANextPageToken_FilterByStatus_AndRetryRefusesAnEventThatIsNotParked()
    {
        var connector = $"e{Guid.NewGuid():N}"[..12];
        var configure = await RunAsync("wecom", "configure", "--connector", connector, "--file", await WriteConnectorFileAsync());
        var get = await RunAsync("wecom", "get", "--connector", connector, "--output", "json");
        using var connectorJson = JsonDocument.Parse(get.Out);
        var callbackUrl = connectorJson.RootElement.GetProperty("callback_url").GetString()!;
        var crypto = new WeComCallbackCrypto(CallbackToken, CallbackAesKey, "ww0123456789abcdef");
        using var http = new HttpClient();
        foreach (var change in new[] { "<ChangeType>update_tag</ChangeType><TagId>1</TagId>", "<ChangeType>delete_user</ChangeType><UserID>gone</UserID>" })
        {
            var encrypted = crypto.Encrypt(
                "<xml><ToUserName>ww0123456789abcdef</ToUserName><FromUserName>sys</FromUserName><CreateTime>1700000000</CreateTime>"
                + $"<MsgType>event</MsgType><Event>change_contact</Event>{change}</xml>");
            using var body = new StringContent(WeComCallbackCrypto.CreateXmlCallbackBody("ww0123456789abcdef", "1000002", encrypted));
            using var posted = await http.PostAsync(new Uri($"{callbackUrl}?msg_signature={crypto.Sign("1", "n", encrypted)}&timestamp=1&nonce=n"), body);
            Assert.Equal(System.Net.HttpStatusCode.OK, posted.StatusCode);
        }

        var all = await RunAsync("wecom", "events", "list", "--connector", connector, "--page-size", "1", "--output", "json");
        var ignored = await RunAsync("wecom", "events", "list", "--connector", connector, "--status", "ignored", "--output", "json");
        var table = await RunAsync("wecom", "events", "list", "--connector", connector);
        using var allJson = JsonDocument.Parse(all.Out);
        using var ignoredJson = JsonDocument.Parse(ignored.Out);
        var ignoredItems = ignoredJson.RootElement.GetProperty("items").EnumerateArray().ToList();
        var tag = ignoredItems.Single(item => item.GetProperty("change_type").GetString() == "event/change_contact/update_tag");
        var ignoredId = tag.GetProperty("event_id").GetString()!;
        var retry = await RunAsync("wecom", "events", "retry", ignoredId, "--connector", connector);
        var badStatus = await RunAsync("wecom", "events", "list", "--connector", connector, "--status", "broken");

        Assert.True(configure.ExitCode == 0, configure.Error);
        Assert.EndsWith($"/wecom/{connector}/events", callbackUrl, StringComparison.Ordinal);
        Assert.Equal(1, allJson.RootElement.GetProperty("items").GetArrayLength());
        Assert.NotEqual("", allJson.RootElement.GetProperty("next_page_token").GetString());
        Assert.All(ignoredItems, item => Assert.Equal("WE_COM_EVENT_STATUS_IGNORED", item.GetProperty("status").GetString()));
        Assert.Contains("delete_user", table.Out, StringComparison.Ordinal);
        Assert.Contains("gone", table.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, retry.ExitCode);
        Assert.Contains("only parked or failed events can be retried", retry.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badStatus.ExitCode);
    }

    [Fact]
    public async Task Login_WithTheDevCredentialFile_StoresTheCredentialOwnerOnly()
    {
        var run = await RunAsync("login");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"as {host.Credential.ClientId}", run.Out, StringComparison.Ordinal);
        var config = Path.Combine(_configDirectory, "config.json");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(config));
        Assert.Equal(host.Credential.Server, json.RootElement.GetProperty("server").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("access_token").GetString()));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        }
    }

    [Fact]
    public async Task Login_WithAWrongSecret_ExitsThreeWithTheStatusAndNoStackTrace()
    {
        var run = await RunAsync("login", "--server", host.Credential.Server, "--client-id", host.Credential.ClientId, "--client-secret", "gs_wrong");

        Assert.Equal(ExitCodes.Auth, run.ExitCode);
        Assert.Equal("error: Unauthenticated: invalid client credentials", run.Error.Trim());
        Assert.False(File.Exists(Path.Combine(_configDirectory, "config.json")));
    }

    [Fact]
    public async Task AnyCommand_WithoutCredentials_ExitsThreeAndSaysHowToLogIn()
    {
        var run = await GridCtlRun.RunAsync(_configDirectory, credentialsPath: null, "orgs", "list");

        Assert.Equal(ExitCodes.Auth, run.ExitCode);
        Assert.Contains("not logged in", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeComConfigureGetValidate_RoundTripAConnectorFile()
    {
        var connector = $"c{Guid.NewGuid():N}"[..12];
        var file = await WriteConnectorFileAsync();

        var configure = await RunAsync("wecom", "configure", "--connector", connector, "--file", file);
        var get = await RunAsync("wecom", "get", "--connector", connector, "--output", "json");
        var validate = await RunAsync("wecom", "validate", "--connector", connector);

        Assert.True(configure.ExitCode == 0, configure.Error);
        Assert.Contains("ww0123456789abcdef", configure.Out, StringComparison.Ordinal);
        Assert.Equal(0, get.ExitCode);
        using var json = JsonDocument.Parse(get.Out);
        Assert.True(json.RootElement.GetProperty("has_app_secret").GetBoolean());
        Assert.Equal(12, json.RootElement.GetProperty("thresholds").GetProperty("max_account_deletes").GetInt32());
        Assert.DoesNotContain("app-secret-0123456789", get.Out, StringComparison.Ordinal);
        Assert.True(validate.ExitCode == 0, validate.Out + validate.Error);
    }

    [Fact]
    public async Task WeComConfigure_WithAnInvalidFile_ExitsTwo()
    {
        var file = Path.Combine(_configDirectory, "broken.json");
        await File.WriteAllTextAsync(file, """{ "settings": { "corp_idd": "x" } }""");

        var run = await RunAsync("wecom", "configure", "--connector", "main", "--file", file);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("cannot read --file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeComConfigure_WhenTheServerRefusesAValue_NamesTheFieldAsTheFileNamesIt()
    {
        var file = Path.Combine(_configDirectory, "short-key.json");
        await File.WriteAllTextAsync(file, """
            { "settings": { "display_name": "Short key", "corp_id": "wwshortkey000001", "agent_id": "1000002", "app_secret": "secret-secret",
              "callback_token": "Token123", "callback_encoding_aes_key": "too-short",
              "sync_organization_id": "org_root", "features": { "contact_sync": true, "password_fallback": true } } }
            """);

        var run = await RunAsync("wecom", "configure", "--connector", $"k{Guid.NewGuid():N}"[..12], "--file", file);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: InvalidArgument: settings.callback_encoding_aes_key", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsSetPassword_FromStandardInput_SetsThePassword_AndATooShortOneNamesTheField()
    {
        var accountId = GridKeys.NewAccountId();
        var account = host.Grains.GetGrain<IAccountGrain>(GridKeys.Account("demo", accountId));
        await account.Create(AccountSpec.Active(new AccountProfile($"pw{Guid.NewGuid():N}"[..12], "PW", null, null), GridKeys.RootOrganizationId));

        var set = await GridCtlRun.RunWithInputAsync(_configDirectory, host.DevCredentialPath, "a long enough password\n",
            "accounts", "set-password", accountId, "--password-stdin", "-o", "json");
        var tooShort = await GridCtlRun.RunWithInputAsync(_configDirectory, host.DevCredentialPath, "short\n",
            "accounts", "set-password", accountId, "--password-stdin");
        var withoutStdin = await RunAsync("accounts", "set-password", accountId);

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Equal(accountId, JsonDocument.Parse(set.Out).RootElement.GetProperty("account_id").GetString());
        Assert.True(await account.VerifyPassword("a long enough password"));
        Assert.NotEqual(0, tooShort.ExitCode);
        Assert.Contains("password: must be 8..256 characters", tooShort.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, withoutStdin.ExitCode);
        Assert.Contains("--password-stdin is required", withoutStdin.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_ListLookupAndGet_ReadTheDemoTenant()
    {
        var org = GridKeys.NewOrganizationId();
        await host.Grains.GetGrain<IOrganizationGrain>(GridKeys.Organization("demo", org)).Create(new OrganizationSpec("CLI", GridKeys.RootOrganizationId));
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var username = $"cli{Guid.NewGuid():N}"[..12];
            names.Add(username);
            await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account("demo", GridKeys.NewAccountId()))
                .Create(AccountSpec.Active(new AccountProfile(username, username, null, null), org));
        }

        var list = await RunAsync("accounts", "list", "--organization", org, "--page-size", "2", "--all", "--output", "json");
        var lookup = await RunAsync("accounts", "lookup", "--username", names[1], "--output", "json");
        var accountId = JsonDocument.Parse(lookup.Out).RootElement.GetProperty("account_id").GetString()!;
        var get = await RunAsync("accounts", "get", accountId);
        var missing = await RunAsync("accounts", "get", GridKeys.NewAccountId());
        var table = await RunAsync("orgs", "list", "--parent", GridKeys.RootOrganizationId);
        var orgs = await RunAsync("orgs", "list", "--output", "json");

        Assert.Equal(0, list.ExitCode);
        using var listed = JsonDocument.Parse(Assert.Single(list.Lines));
        Assert.Equal(names.Order(StringComparer.Ordinal),
            listed.RootElement.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("username").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("", listed.RootElement.GetProperty("next_page_token").GetString());
        Assert.Equal(0, lookup.ExitCode);
        Assert.Equal(0, get.ExitCode);
        Assert.Contains(names[1], get.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.StartsWith("error: NotFound: account", missing.Error, StringComparison.Ordinal);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(org, table.Out, StringComparison.Ordinal);
        Assert.Equal(0, orgs.ExitCode);
        using var tree = JsonDocument.Parse(Assert.Single(orgs.Lines));
        Assert.Contains(org, tree.RootElement.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("organization_id").GetString()));
        Assert.Equal("", tree.RootElement.GetProperty("next_page_token").GetString());
    }

    [Fact]
    public async Task AccountsGetAndLookup_ShowThePersonalEmail_UnverifiedUntilConfirmed()
    {
        var accountId = GridKeys.NewAccountId();
        var username = $"pe{Guid.NewGuid():N}"[..12];
        var address = $"{username}@personal.example";
        await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account("demo", accountId))
            .Create(AccountSpec.Active(new AccountProfile(username, username, null, null), GridKeys.RootOrganizationId));
        var personal = host.Grains.GetGrain<IPersonalEmailGrain>(GridKeys.Account("demo", accountId));
        var none = await RunAsync("accounts", "get", accountId);

        var token = await personal.Propose(address);
        var unverified = await RunAsync("accounts", "get", accountId);
        var unverifiedJson = await RunAsync("accounts", "get", accountId, "-o", "json");
        Assert.Equal(PersonalEmailCheck.Confirmed, await personal.Confirm(token.Token));
        var verified = await RunAsync("accounts", "lookup", "--username", username);
        var verifiedJson = await RunAsync("accounts", "lookup", "--username", username, "-o", "json");

        Assert.Equal(0, none.ExitCode);
        Assert.Contains("personal_email", none.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("@personal.example", none.Out, StringComparison.Ordinal);
        Assert.Contains($"{address} (unverified)", unverified.Out, StringComparison.Ordinal);
        Assert.Contains($"{address} (verified)", verified.Out, StringComparison.Ordinal);
        using var before = JsonDocument.Parse(unverifiedJson.Out);
        using var after = JsonDocument.Parse(verifiedJson.Out);
        Assert.Equal(address, before.RootElement.GetProperty("personal_email").GetString());
        Assert.False(before.RootElement.TryGetProperty("personal_email_verified", out var flag) && flag.GetBoolean());
        Assert.True(after.RootElement.GetProperty("personal_email_verified").GetBoolean());
    }

    [Fact]
    public async Task AccountsList_AsJson_IsOneListObjectThatKeepsTheNextPageToken()
    {
        var org = GridKeys.NewOrganizationId();
        await host.Grains.GetGrain<IOrganizationGrain>(GridKeys.Organization("demo", org)).Create(new OrganizationSpec("Paged", GridKeys.RootOrganizationId));
        for (var i = 0; i < 3; i++)
        {
            var username = $"pg{Guid.NewGuid():N}"[..12];
            await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account("demo", GridKeys.NewAccountId()))
                .Create(AccountSpec.Active(new AccountProfile(username, username, null, null), org));
        }

        var first = await RunAsync("accounts", "list", "--organization", org, "--page-size", "2", "-o", "json");
        using var firstPage = JsonDocument.Parse(Assert.Single(first.Lines));
        var token = firstPage.RootElement.GetProperty("next_page_token").GetString()!;
        var second = await RunAsync("accounts", "list", "--organization", org, "--page-size", "2", "--page-token", token, "-o", "json");
        using var secondPage = JsonDocument.Parse(Assert.Single(second.Lines));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(2, firstPage.RootElement.GetProperty("items").GetArrayLength());
        Assert.NotEqual("", token);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(1, secondPage.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal("", secondPage.RootElement.GetProperty("next_page_token").GetString());
    }

    [Fact]
    public async Task ChangesWatch_FromAToken_PrintsTheChangesWithResumeTokens()
    {
        var start = await host.Grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant("demo")).GetLastSequence();
        var org = GridKeys.NewOrganizationId();
        await host.Grains.GetGrain<IOrganizationGrain>(GridKeys.Organization("demo", org)).Create(new OrganizationSpec("Watched", GridKeys.RootOrganizationId));
        await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account("demo", GridKeys.NewAccountId()))
            .Create(AccountSpec.Active(new AccountProfile($"w{Guid.NewGuid():N}"[..12], "Watched", null, null), org));

        var run = await RunAsync("changes", "watch", "--from", start.ToString(System.Globalization.CultureInfo.InvariantCulture), "--limit", "2", "--output", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        var changes = run.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal(["organization", "account"], changes.Select(c => c.GetProperty("object_type").GetString()));
        Assert.All(changes, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("resume_token").GetString())));
    }

    [Fact]
    public async Task SyncCommands_ForAnUnknownRun_ExitFour_AndRunsListsNone()
    {
        var connector = $"s{Guid.NewGuid():N}"[..12];
        var file = Path.Combine(_configDirectory, "c.json");
        await File.WriteAllTextAsync(file, """
            { "settings": { "display_name": "S", "corp_id": "wwsync0000000001", "agent_id": "1000003", "app_secret": "secret-secret",
              "callback_token": "Token123", "callback_encoding_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE",
              "sync_organization_id": "org_root", "features": { "contact_sync": true, "password_fallback": true } } }
            """);
        Assert.Equal(0, (await RunAsync("wecom", "configure", "--connector", connector, "--file", file)).ExitCode);

        var runs = await RunAsync("sync", "runs", "--connector", connector, "--output", "json");
        var show = await RunAsync("sync", "show", "no-such-run", "--connector", connector);
        var approve = await RunAsync("sync", "approve", "no-such-run", "--connector", connector);
        var unknownConnector = await RunAsync("sync", "runs", "--connector", "no-such-connector");

        Assert.Equal(0, runs.ExitCode);
        using var none = JsonDocument.Parse(Assert.Single(runs.Lines));
        Assert.Equal(0, none.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(ExitCodes.NotFound, unknownConnector.ExitCode);
        Assert.Equal("error: NotFound: connector 'no-such-connector' does not exist in tenant 'demo'", unknownConnector.Error.Trim());
        Assert.Equal(ExitCodes.NotFound, show.ExitCode);
        Assert.Equal(ExitCodes.NotFound, approve.ExitCode);
    }

    [Fact]
    public async Task AnUnreachableServer_ExitsFive_NamingTheAddressInOneLine()
    {
        var nothing = $"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}";

        var run = await RunAsync("orgs", "list", "--server", nothing);

        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.Equal($"error: cannot reach Grid at {nothing}: unreachable (connection refused or timed out)", run.Error.Trim());
    }

    [Fact]
    public async Task AServerList_UsesTheFirstReachableServer_FromTheOptionTheEnvironmentOrTheLogin()
    {
        var nothing = $"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}";
        var servers = $"{nothing}, {host.Credential.Server}";

        var fromOption = await RunAsync("orgs", "list", "--server", servers);
        var fromEnvironment = await RunWithServerVariableAsync(servers, "orgs", "list");
        var login = await RunWithServerVariableAsync(servers, "login");
        var afterLogin = await RunAsync("orgs", "list");
        var noneReachable = await RunWithServerVariableAsync($"{nothing},{nothing.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}", "orgs", "list");

        Assert.True(fromOption.ExitCode == 0, fromOption.Error);
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.Error);
        Assert.True(login.ExitCode == 0, login.Error);
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_configDirectory, "config.json")));
        Assert.Equal(servers, config.RootElement.GetProperty("server").GetString());
        Assert.True(afterLogin.ExitCode == 0, afterLogin.Error);
        Assert.Equal(ExitCodes.Unavailable, noneReachable.ExitCode);
        Assert.StartsWith($"error: cannot reach Grid at any of {nothing}, http://localhost:", noneReachable.Error, StringComparison.Ordinal);
    }

    private async Task<GridCtlRun> RunWithServerVariableAsync(string servers, params string[] args)
    {
        Environment.SetEnvironmentVariable("GRIDCTL_SERVER", servers);
        try
        {
            return await RunAsync(args);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GRIDCTL_SERVER", null);
        }
    }

    [Fact]
    public async Task UsageErrors_ExitTwo()
    {
        var noKey = await RunAsync("accounts", "lookup");
        var badOutput = await RunAsync("orgs", "list", "--output", "yaml");
        var noConnector = await RunAsync("wecom", "get");

        Assert.Equal(ExitCodes.Usage, noKey.ExitCode);
        Assert.Equal(ExitCodes.Usage, badOutput.ExitCode);
        Assert.Equal(ExitCodes.Usage, noConnector.ExitCode);
    }

    private const string CallbackToken = "Token123";
    private const string CallbackAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE";

    private async Task<string> WriteConnectorFileAsync()
    {
        var file = Path.Combine(_configDirectory, "connector.json");
        await File.WriteAllTextAsync(file, """
            {
              "settings": {
                "display_name": "Main corp",
                "corp_id": "ww0123456789abcdef",
                "agent_id": "1000002",
                "app_secret": "app-secret-0123456789",
                "callback_token": "Token123",
                "callback_encoding_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE",
                "login_page_domain": "sso.example.com",
                "authorized_callback_domain": "sso.example.com",
                "redirect_domain": "sso.example.com",
                "trusted_ips": ["192.0.2.10"],
                "sync_organization_id": "org_root",
                "features": { "contact_sync": true, "qr_login": true, "web_login": true, "password_fallback": true }
              },
              "thresholds": { "max_account_deletes": 12, "max_organization_deletes": 3 }
            }
            """);
        return file;
    }
}
