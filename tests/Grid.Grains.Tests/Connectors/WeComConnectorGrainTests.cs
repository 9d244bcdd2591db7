using Grid.Abstractions;
using Grid.Abstractions.Admin;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Tenants;
using Grid.Grains.Connectors;
using Grid.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Connectors;

[Collection(ClusterCollection.Name)]
public sealed class WeComConnectorGrainTests(ClusterFixture fixture)
{
    private const string AppSecret = "AppSecret-0123456789-abcdefghij-XYZW";
    private const string CallbackToken = "CallbackToken42";
    private const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE";

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Configure_ThenGet_ShowsSettingsButNeverTheSecrets()
    {
        var (tenant, connector) = await NewConnectorAsync();

        var view = await connector.Configure(Settings(), "admin@example.com");
        var read = await connector.Get();

        Assert.NotNull(read);
        Assert.Equal("ww0123456789abcdef", read.CorpId);
        Assert.Equal(new SecretHint(true, "XYZW"), read.AppSecret);
        Assert.Equal(new SecretHint(true, "en42"), read.CallbackToken);
        Assert.Equal(new SecretHint(true, "DEFE"), read.EncodingAesKey);
        Assert.Equal(1, view.Version);
        Assert.Equal("admin@example.com", read.UpdatedBy);
        Assert.Equal(tenant, read.TenantId);
        foreach (var secret in new[] { AppSecret, CallbackToken, AesKey })
        {
            Assert.DoesNotContain(secret, read.ToString(), StringComparison.Ordinal);
            Assert.False(RawState.Contains(fixture, read, secret));
        }
    }

    [Fact]
    public async Task Configure_SealsTheSecretsAtRest_AndGetSecretsOpensThem()
    {
        var (_, connector) = await NewConnectorAsync();
        await connector.Configure(Settings(), "admin");

        var raw = await RawState.ReadAsync<WeComConnectorState>(fixture, "wecom-connector", connector);
        var secrets = await connector.GetSecrets();

        Assert.StartsWith("v1.", raw.SealedAppSecret, StringComparison.Ordinal);
        foreach (var secret in new[] { AppSecret, CallbackToken, AesKey })
        {
            Assert.False(RawState.Contains(fixture, raw, secret), "the stored connector state holds a secret in clear");
        }

        Assert.Equal((AppSecret, CallbackToken, AesKey), (secrets.AppSecret, secrets.CallbackToken, secrets.EncodingAesKey));
        Assert.DoesNotContain(AppSecret, secrets.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_AgainWithoutSecrets_KeepsTheStoredOnes()
    {
        var (_, connector) = await NewConnectorAsync();
        await connector.Configure(Settings(), "admin");

        var view = await connector.Configure(
            Settings() with { DisplayName = "Renamed", AppSecret = null, CallbackToken = null, EncodingAesKey = null }, "admin");

        Assert.Equal("Renamed", view.DisplayName);
        Assert.Equal(2, view.Version);
        Assert.Equal(AppSecret, (await connector.GetSecrets()).AppSecret);
    }

    [Fact]
    public async Task Configure_FirstTimeWithoutSecrets_IsRefusedNamingEachOne()
    {
        var (_, connector) = await NewConnectorAsync();

        var error = await Assert.ThrowsAsync<GridException>(() => connector.Configure(
            Settings() with { AppSecret = null, CallbackToken = null, EncodingAesKey = null }, "admin"));

        Assert.Equal(GridErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("app_secret", error.Field);
        Assert.Contains("app_secret: required", error.Message, StringComparison.Ordinal);
        Assert.Contains("callback_token: required", error.Message, StringComparison.Ordinal);
        Assert.Contains("encoding_aes_key: required", error.Message, StringComparison.Ordinal);
        Assert.Null(await connector.Get());
    }

    [Theory]
    [InlineData("", "1000002", "corp_id: required")]
    [InlineData("ww0123456789abcdef", "10a2", "agent_id: must be digits")]
    public async Task Configure_WithInvalidIds_NamesTheField(string corpId, string agentId, string expected)
    {
        var (_, connector) = await NewConnectorAsync();

        var error = await Assert.ThrowsAsync<GridException>(
            () => connector.Configure(Settings() with { CorpId = corpId, AgentId = agentId }, "admin"));

        Assert.Equal(expected, error.Message);
        Assert.Equal(expected[..expected.IndexOf(':', StringComparison.Ordinal)], error.Field);
    }

    [Fact]
    public async Task Configure_WithBadSecretsDomainsAndIps_ListsEveryProblem()
    {
        var (_, connector) = await NewConnectorAsync();

        var error = await Assert.ThrowsAsync<GridException>(() => connector.Configure(
            Settings() with
            {
                CallbackToken = "has spaces",
                EncodingAesKey = "short",
                TrustedDomain = "https://login.example.com/path",
                EgressIps = ["300.1.2.3"],
            },
            "admin"));

        Assert.Contains("callback_token: must be 1..32 letters and digits", error.Message, StringComparison.Ordinal);
        Assert.Contains("encoding_aes_key: must be 43", error.Message, StringComparison.Ordinal);
        Assert.Contains("trusted_domain: 'https://login.example.com/path' is not a domain", error.Message, StringComparison.Ordinal);
        Assert.Contains("egress_ips[0]: '300.1.2.3' is not an IP address", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("login.example.com", "sso.example.com", "login.example.com", "authorized_callback_domain", "login_page_domain 'login.example.com'")]
    [InlineData("login.example.com", "login.example.com", "login.example.com:8443", "trusted_domain", "login_page_domain 'login.example.com'")]
    [InlineData(null, "login.example.com", "app.example.com", "trusted_domain", "authorized_callback_domain 'login.example.com'")]
    public async Task Configure_WithDomainsThatDiffer_IsRefusedNamingBothFields_AndChangesNothing(
        string? loginPage, string callback, string redirect, string field, string other)
    {
        var (_, connector) = await NewConnectorAsync();
        await connector.Configure(Settings(), "admin");

        var error = await Assert.ThrowsAsync<GridException>(() => connector.Configure(
            Settings() with { LoginPageDomain = loginPage, AuthorizedCallbackDomain = callback, TrustedDomain = redirect, DisplayName = "Changed" },
            "admin"));
        var read = await connector.Get();

        Assert.Equal(GridErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(field, error.Field);
        Assert.Contains(other, error.Message, StringComparison.Ordinal);
        Assert.Contains("three-domain rule", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, "Main", "login.example.com"), (read!.Version, read.DisplayName, read.TrustedDomain));
    }

    [Fact]
    public async Task Configure_DomainsDifferingOnlyInCase_AreTheSameDomain()
    {
        var (_, connector) = await NewConnectorAsync();

        var view = await connector.Configure(Settings() with { LoginPageDomain = "Login.Example.com" }, "admin");

        Assert.Equal("Login.Example.com", view.LoginPageDomain);
    }

    [Fact]
    public async Task Configure_StoresTrustedIpsInCanonicalForm_WithoutDuplicates()
    {
        var (_, connector) = await NewConnectorAsync();
        var ipv4 = NewIPv4();
        var ipv6 = NewIPv6();

        await connector.Configure(
            Settings() with { EgressIps = [$" ::ffff:{ipv4} ", ipv6.ToUpperInvariant().Replace("::", ":0:0:0:0:", StringComparison.Ordinal), ipv4] },
            "admin");
        var read = await connector.Get();

        Assert.Equal<string>([ipv4, ipv6], read!.EgressIps);
    }

    [Theory]
    [InlineData("127.000.000.001", "leading zero")]
    [InlineData("010.1.2.3", "leading zero")]
    [InlineData("127.1", "not an IP address")]
    [InlineData("2130706433", "not an IP address")]
    [InlineData("0x7f.0.0.1", "not an IP address")]
    [InlineData("fe80::1%eth0", "not an IP address")]
    [InlineData("[2001:db8::1]", "not an IP address")]
    [InlineData("::ffff:127.000.000.001", "not an IP address")]
    [InlineData(" ", "empty")]
    public async Task Configure_WithAnAmbiguousOrMalformedTrustedIp_IsRefusedNamingIt_AndChangesNothing(string ip, string problem)
    {
        var (_, connector) = await NewConnectorAsync();
        await connector.Configure(Settings(), "admin");

        var error = await Assert.ThrowsAsync<GridException>(
            () => connector.Configure(Settings() with { EgressIps = ["203.0.113.7", ip] }, "admin"));
        var read = await connector.Get();

        Assert.Equal("egress_ips[1]", error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, read!.Version);
        Assert.Equal<string>(["203.0.113.7"], read.EgressIps);
    }

    [Fact]
    public async Task Configure_WithATrustedIpOfAnotherCorp_IsRefusedNamingIt_ClaimsNone_AndSaysNothingOfTheOther()
    {
        var (owner, ownerConnector) = await NewConnectorAsync();
        var (_, connector) = await NewConnectorAsync();
        var (shared, free) = (NewIPv4(), NewIPv4());
        await ownerConnector.Configure(Settings() with { CorpId = "wwownerownerowner1", EgressIps = [shared] }, "admin");

        var error = await Assert.ThrowsAsync<GridException>(
            () => connector.Configure(Settings() with { EgressIps = [free, $"::ffff:{free}", $"::ffff:{shared}"] }, "admin"));
        var (_, third) = await NewConnectorAsync();
        var freeClaimed = await third.Configure(Settings() with { CorpId = "wwthirdthirdthird1", EgressIps = [free] }, "admin");
        var (_, sameCorp) = await NewConnectorAsync();
        var sharedBySameCorp = await sameCorp.Configure(Settings() with { CorpId = "wwownerownerowner1", EgressIps = [shared] }, "admin");

        Assert.Equal(GridErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("egress_ips[2]", error.Field);
        Assert.Contains($"'{shared}' is already a trusted IP of a connector of another WeCom corp", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(owner, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wwowner", error.Message, StringComparison.Ordinal);
        Assert.Null(await connector.Get());
        Assert.Equal<string>([free], freeClaimed.EgressIps);
        Assert.Equal<string>([shared], sharedBySameCorp.EgressIps);
    }

    [Fact]
    public async Task Configure_WithoutAnIpItListed_GivesTheIpBack()
    {
        var (_, first) = await NewConnectorAsync();
        var (_, other) = await NewConnectorAsync();
        var (ip, next) = (NewIPv4(), NewIPv4());
        await first.Configure(Settings() with { EgressIps = [ip] }, "admin");
        await first.Configure(Settings() with { EgressIps = [next] }, "admin");

        var view = await other.Configure(Settings() with { CorpId = "wwotherotherother1", EgressIps = [ip] }, "admin");

        Assert.Equal<string>([ip], view.EgressIps);
    }

    [Fact]
    public async Task Configure_OverAStaleIndexEntry_ForgetsIt_AndClaimsTheIp()
    {
        var (_, connector) = await NewConnectorAsync();
        var ip = NewIPv4();
        await Grains.GetGrain<ITrustedIpIndexGrain>(ip).Claim(new TrustedIpUser(TestIds.NewTenantId(), "ghost", "wwghostghostghost1"));

        var view = await connector.Configure(Settings() with { EgressIps = [ip] }, "admin");

        Assert.Equal<string>([ip], view.EgressIps);
    }

    [Fact]
    public async Task GetContestedTrustedIps_NamesAnIpAnotherCorpHolds_OfAConnectorStoredBeforeTheIndex()
    {
        var (tenant, before) = await NewConnectorAsync();
        var (_, after) = await NewConnectorAsync();
        var (ip, own) = (NewIPv4(), NewIPv4());
        await before.Configure(Settings() with { EgressIps = [ip, own] }, "admin");
        await Grains.GetGrain<ITrustedIpIndexGrain>(ip).Unregister(tenant, "main");
        await after.Configure(Settings() with { CorpId = "wwafterafterafter1", EgressIps = [ip] }, "admin");

        var contested = await before.GetContestedTrustedIps();
        var clean = await after.GetContestedTrustedIps();

        Assert.Equal<string>([ip], contested);
        Assert.Empty(clean);
    }

    [Fact]
    public async Task Configure_WithAnUnknownSyncNode_NamesTheField()
    {
        var (_, connector) = await NewConnectorAsync();

        var error = await Assert.ThrowsAsync<GridException>(
            () => connector.Configure(Settings() with { SyncNodeOrganizationId = "org_missing" }, "admin"));

        Assert.Equal("sync_node_organization_id", error.Field);
    }

    [Fact]
    public async Task Features_WithWeComLoginButNoFallback_AreRefused_AndOneFallbackIsEnough()
    {
        var (_, connector) = await NewConnectorAsync();
        await connector.Configure(Settings(), "admin");

        var noFallback = new LoginFeatures(ContactSync: true, QrLogin: true, WebLogin: false, PasswordFallback: false, SmsFallback: false);
        var setError = await Assert.ThrowsAsync<GridException>(() => connector.SetFeatures(noFallback, "admin"));
        var configureError = await Assert.ThrowsAsync<GridException>(
            () => connector.Configure(Settings() with { Features = noFallback }, "admin"));
        var smsOnly = await connector.SetFeatures(noFallback with { SmsFallback = true }, "admin");
        var noWeComLogin = await connector.SetFeatures(new LoginFeatures(true, false, false, false, false), "admin");

        Assert.Equal("features", setError.Field);
        Assert.Contains("at least one fallback", setError.Message, StringComparison.Ordinal);
        Assert.Equal("features", configureError.Field);
        Assert.True(smsOnly.Features.SmsFallback);
        Assert.False(noWeComLogin.Features.AnyFallback);
    }

    [Fact]
    public async Task FieldMappings_AreValidatedWithTheSyncRules()
    {
        var (_, connector) = await NewConnectorAsync();
        await connector.Configure(Settings(), "admin");
        var defaults = (await connector.Get())!.FieldMappings;

        var error = await Assert.ThrowsAsync<GridException>(() => connector.SetFieldMappings(
            defaults with { Account = defaults.Account.Add(new FieldMapping("shoe_size", "userid")) }, null, "admin"));
        var view = await connector.SetFieldMappings(defaults, new MatchRule("email", "lower(email)"), "admin");

        Assert.Equal(GridErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("mappings.shoe_size", error.Field);
        Assert.Equal(new MatchRule("email", "lower(email)"), view.MatchRule);
        Assert.Contains(defaults.Account, m => m.Target == "username");
    }

    [Fact]
    public async Task Thresholds_OutOfRange_AreRefusedNamingTheField()
    {
        var (_, connector) = await NewConnectorAsync();
        await connector.Configure(Settings(), "admin");

        var error = await Assert.ThrowsAsync<GridException>(
            () => connector.SetThresholds(new ProtectionThresholds(-1, 10, 150), "admin"));
        var view = await connector.SetThresholds(new ProtectionThresholds(100, 5, 20), "admin");

        Assert.Equal("thresholds.max_account_deletes", error.Field);
        Assert.Contains("thresholds.max_delete_percent", error.Message, StringComparison.Ordinal);
        Assert.Equal(new ProtectionThresholds(100, 5, 20), view.Thresholds);
    }

    [Fact]
    public async Task DeleteBudget_FollowsTheThresholdsUnlessSet_AndOutOfRangeIsRefusedNamingTheFieldAndChangesNothing()
    {
        var (_, connector) = await NewConnectorAsync();
        await connector.Configure(Settings(), "admin");
        var before = (await connector.Get())!.Thresholds;

        var error = await Assert.ThrowsAsync<GridException>(() => connector.SetThresholds(
            new ProtectionThresholds(30, 10) { IncrementalMaxAccountDeletes = -1, IncrementalWindow = TimeSpan.FromSeconds(5) }, "admin"));
        var unchanged = (await connector.Get())!.Thresholds;
        var set = await connector.SetThresholds(
            new ProtectionThresholds(30, 10) { IncrementalMaxOrganizationDeletes = 2, IncrementalWindow = TimeSpan.FromMinutes(30) }, "admin");

        Assert.Equal("thresholds.incremental_max_account_deletes", error.Field);
        Assert.Contains("thresholds.incremental_window_seconds", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, unchanged);
        Assert.Equal(new DeleteBudget(30, 10, TimeSpan.FromMinutes(10)), before.Budget);
        Assert.Equal(new DeleteBudget(30, 2, TimeSpan.FromMinutes(30)), set.Thresholds.Budget);
    }

    [Fact]
    public async Task Schedule_RegistersTheDailyReminderAtTheNextLocalTime_AndDisablingRemovesIt()
    {
        var (_, connector) = await NewConnectorAsync();
        await connector.Configure(Settings(), "admin");
        var reminders = fixture.SiloServices.GetRequiredService<IReminderTable>();

        var bad = await Assert.ThrowsAsync<GridException>(() => connector.SetSchedule(new SyncSchedule(true, "25:00"), "admin"));
        var view = await connector.SetSchedule(new SyncSchedule(true, "04:30"), "admin");
        var expected = DailySchedule.NextOccurrence(
            fixture.Time.GetUtcNow().AddMinutes(1),
            new TimeOnly(4, 30),
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

        Assert.Equal("schedule.local_time", bad.Field);
        Assert.Equal(expected, view.NextScheduledRunAt);
        Assert.Equal(new TimeOnly(4, 30), TimeOnly.FromDateTime(view.NextScheduledRunAt!.Value.ToOffset(TimeSpan.FromHours(8)).DateTime));
        var reminder = await reminders.ReadRow(connector.GetGrainId(), WeComConnectorGrain.DailySyncReminder);
        Assert.NotNull(reminder);
        Assert.Equal(TimeSpan.FromDays(1), reminder.Period);

        var off = await connector.SetSchedule(new SyncSchedule(false, "04:30"), "admin");

        Assert.Null(off.NextScheduledRunAt);
        Assert.Null(await reminders.ReadRow(connector.GetGrainId(), WeComConnectorGrain.DailySyncReminder));
    }

    [Fact]
    public async Task EveryChange_IsInTheAuditTrail_NewestFirst_WithoutSecrets()
    {
        var (tenant, connector) = await NewConnectorAsync();
        await connector.Configure(Settings(), "alice");
        await connector.SetThresholds(new ProtectionThresholds(50, 10), "bob");

        var page = await Grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(tenant)).ReadBackward(0, 10);

        Assert.Equal(["wecom.set_thresholds", "wecom.configure"], page.Entries.Select(e => e.Action));
        Assert.Equal(["bob", "alice"], page.Entries.Select(e => e.Actor));
        Assert.All(page.Entries, e => Assert.Equal("connector/main", e.Target));
        Assert.Contains("secrets set: app_secret, callback_token, encoding_aes_key", page.Entries[1].Summary, StringComparison.Ordinal);
        Assert.All(page.Entries, e => Assert.DoesNotContain(AppSecret, e.Summary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configure_InAnUnknownTenant_IsNotFound()
    {
        var connector = Grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(TestIds.NewTenantId(), "main"));

        var error = await Assert.ThrowsAsync<GridException>(() => connector.Configure(Settings(), "admin"));

        Assert.Equal(GridErrorKind.NotFound, error.Kind);
        Assert.Equal("tenant_id", error.Field);
    }

    [Fact]
    public void Settings_ToString_RedactsSecrets()
    {
        var text = Settings().ToString();

        Assert.DoesNotContain(AppSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(CallbackToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AesKey, text, StringComparison.Ordinal);
        Assert.Contains("ww0123456789abcdef", text, StringComparison.Ordinal);
    }

    // Trusted IPs are claimed cluster-wide: every test takes addresses no other test uses.
    private static string NewIPv4()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return $"10.{bytes[0]}.{bytes[1]}.{bytes[2]}";
    }

    private static string NewIPv6() => $"2001:db8:{Guid.NewGuid().ToString("N")[..3].TrimStart('0')}1::1";

    private async Task<(string Tenant, IWeComConnectorGrain Connector)> NewConnectorAsync()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        return (tenant, Grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenant, "main")));
    }

    private static WeComConnectorSettings Settings() => new(
        DisplayName: "Main",
        CorpId: "ww0123456789abcdef",
        AgentId: "1000002",
        AppSecret: AppSecret,
        CallbackToken: CallbackToken,
        EncodingAesKey: AesKey,
        TrustedDomain: "login.example.com",
        AuthorizedCallbackDomain: "login.example.com",
        LoginPageDomain: "login.example.com",
        EgressIps: ["203.0.113.7"],
        SyncNodeOrganizationId: GridKeys.RootOrganizationId,
        MatchRule: null,
        FieldMappings: null,
        UserIdChangeMode: UserIdChangeMode.Rebind,
        Thresholds: null,
        Schedule: null,
        Features: LoginFeatures.Default);
}
