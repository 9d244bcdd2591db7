using Google.Protobuf;
using Grid.Abstractions.Admin;
using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Grpc;

[Collection(GridHostCollection.Name)]
public sealed class AdminTests(GridHostFixture host)
{
    [Fact]
    public async Task ConfigureWeCom_ThenGetWeCom_ReturnsTheSettingsButNeverTheSecrets()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);

        var configured = await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main"), auth);
        var got = await host.AdminClient().GetWeComAsync(new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, auth);

        Assert.Equal("ww0123456789abcdef", got.Connector.Settings.CorpId);
        Assert.Equal("sso.example.com", got.Connector.Settings.RedirectDomain);
        Assert.True(got.Connector.HasAppSecret);
        Assert.True(got.Connector.HasCallbackToken);
        Assert.True(got.Connector.HasCallbackEncodingAesKey);
        Assert.Equal(30, got.Connector.Thresholds.MaxAccountDeletes);
        foreach (var message in new IMessage[] { configured, got })
        {
            var wire = message.ToByteString().ToStringUtf8();
            Assert.DoesNotContain(ConnectorSamples.AppSecret, wire, StringComparison.Ordinal);
            Assert.DoesNotContain(ConnectorSamples.EncodingAesKey, wire, StringComparison.Ordinal);
            Assert.DoesNotContain(ConnectorSamples.CallbackToken, wire, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConfigureWeCom_WithEmptySecrets_KeepsTheStoredOnes()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main"), auth);
        var again = ConnectorSamples.Configure(tenantId, "main");
        again.Settings.AppSecret = "";
        again.Settings.CallbackToken = "";
        again.Settings.CallbackEncodingAesKey = "";
        again.Settings.DisplayName = "Renamed";

        var response = await host.AdminClient().ConfigureWeComAsync(again, auth);

        Assert.Equal("Renamed", response.Connector.Settings.DisplayName);
        Assert.True(response.Connector.HasAppSecret);
        Assert.True(response.Connector.HasCallbackEncodingAesKey);
    }

    [Fact]
    public async Task ConfigureWeCom_WithInvalidSettings_IsInvalidArgumentNamingTheRequestField()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var request = ConnectorSamples.Configure(tenantId, "main");
        request.Settings.CorpId = "";

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(
            request, GridHostFixture.Bearer(token)).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().GetWeComAsync(
            new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, GridHostFixture.Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("settings.corp_id", error.GetBadRequest()!.FieldViolations[0].Field);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ConfigureWeCom_WithDomainsThatDiffer_IsInvalidArgumentNamingBothFields_AndChangesNothing()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main"), auth);
        var request = ConnectorSamples.Configure(tenantId, "main");
        request.Settings.RedirectDomain = "app.example.com";
        request.Settings.DisplayName = "Changed";

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(request, auth).ResponseAsync);
        var got = await host.AdminClient().GetWeComAsync(new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, auth);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = error.GetBadRequest()!.FieldViolations[0];
        Assert.Equal("settings.redirect_domain", violation.Field);
        Assert.Contains("login_page_domain 'sso.example.com'", violation.Description, StringComparison.Ordinal);
        Assert.Equal(("Main corp", "sso.example.com", 1L), (got.Connector.Settings.DisplayName, got.Connector.Settings.RedirectDomain, got.Connector.Version));
    }

    [Fact]
    public async Task ConfigureWeCom_WithATrustedIpOfAnotherCorp_IsInvalidArgumentNamingIt_AndChangesNothing()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var (otherTenant, otherToken) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var sharedIp = NewIp();
        await host.AdminClient().ConfigureWeComAsync(
            ConnectorSamples.Configure(otherTenant, "other", "wwotherother0001", sharedIp), GridHostFixture.Bearer(otherToken));
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main"), auth);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(
            ConnectorSamples.Configure(tenantId, "main", "ww0123456789abcdef", "203.0.113.10", $"::ffff:{sharedIp}"), auth).ResponseAsync);
        var got = await host.AdminClient().GetWeComAsync(new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, auth);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = error.GetBadRequest()!.FieldViolations[0];
        Assert.Equal("settings.trusted_ips[1]", violation.Field);
        Assert.Contains("another WeCom corp", violation.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(otherTenant, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("wwotherother0001", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(["203.0.113.10"], got.Connector.Settings.TrustedIps);
    }

    [Fact]
    public async Task ConfigureWeCom_StoresTrustedIpsInCanonicalForm_AndRefusesLeadingZeros()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var ip = NewIp();

        var configured = await host.AdminClient().ConfigureWeComAsync(
            ConnectorSamples.Configure(tenantId, "main", "ww0123456789abcdef", $"::FFFF:{ip}", "2001:DB8:0:0:0:0:0:1"), auth);
        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(
            ConnectorSamples.Configure(tenantId, "main", "ww0123456789abcdef", "127.000.000.001"), auth).ResponseAsync);

        Assert.Equal([ip, "2001:db8::1"], configured.Connector.Settings.TrustedIps);
        Assert.Equal("settings.trusted_ips[0]", error.GetBadRequest()!.FieldViolations[0].Field);
        Assert.Contains("leading zero", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateWeCom_ReportsATrustedIpOfAnotherCorp_OfAConnectorStoredBeforeTheIndex()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var (otherTenant, otherToken) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var sharedIp = NewIp();
        await host.AdminClient().ConfigureWeComAsync(
            ConnectorSamples.Configure(tenantId, "main", "ww0123456789abcdef", sharedIp), GridHostFixture.Bearer(token));

        // As if stored before the index: the other corp's connector is accepted with the same IP.
        await host.Grains.GetGrain<ITrustedIpIndexGrain>(sharedIp).Unregister(tenantId, "main");
        await host.AdminClient().ConfigureWeComAsync(
            ConnectorSamples.Configure(otherTenant, "other", "wwotherother0001", sharedIp), GridHostFixture.Bearer(otherToken));
        var report = await host.AdminClient().ValidateWeComAsync(
            new ValidateWeComRequest { TenantId = tenantId, ConnectorId = "main" }, GridHostFixture.Bearer(token));
        var holder = await host.AdminClient().ValidateWeComAsync(
            new ValidateWeComRequest { TenantId = otherTenant, ConnectorId = "other" }, GridHostFixture.Bearer(otherToken));

        Assert.False(report.Valid);
        var inUse = Assert.Single(report.Findings, f => f.Code == "trusted_ip.in_use");
        Assert.Equal("settings.trusted_ips[0]", inUse.Field);
        Assert.DoesNotContain(otherTenant, inUse.Message, StringComparison.Ordinal);
        Assert.True(holder.Valid, string.Join("; ", holder.Findings.Select(f => f.Message)));
    }

    // Trusted IPs are claimed host-wide: every test takes an address no other test uses.
    private static string NewIp()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return $"10.{bytes[0]}.{bytes[1]}.{bytes[2]}";
    }

    [Fact]
    public async Task SetFieldMappingsThresholdsAndSchedule_AreStoredAndInvalidOnesRefused()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main"), auth);

        var mappings = await host.AdminClient().SetFieldMappingsAsync(new SetFieldMappingsRequest
        {
            TenantId = tenantId,
            ConnectorId = "main",
            FieldMappings = new FieldMappings
            {
                Account = { new FieldMapping { Target = "username", Expression = "userid" }, new FieldMapping { Target = "display_name", Expression = "name" } },
                Organization = { new FieldMapping { Target = "name", Expression = "name" } },
                MatchRule = new MatchRule { AccountField = "email", MemberField = "email" },
            },
        }, auth);
        var thresholds = await host.AdminClient().SetThresholdsAsync(new SetThresholdsRequest
        {
            TenantId = tenantId, ConnectorId = "main", Thresholds = new SyncThresholds { MaxAccountDeletes = 5, MaxOrganizationDeletes = 2 },
        }, auth);
        var schedule = await host.AdminClient().SetScheduleAsync(new SetScheduleRequest
        {
            TenantId = tenantId, ConnectorId = "main", Schedule = new SyncSchedule { Enabled = true, LocalTime = "06:30" },
        }, auth);
        var badMapping = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().SetFieldMappingsAsync(new SetFieldMappingsRequest
        {
            TenantId = tenantId,
            ConnectorId = "main",
            FieldMappings = new FieldMappings { Account = { new FieldMapping { Target = "username", Expression = "lower(" } } },
        }, auth).ResponseAsync);
        var badSchedule = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().SetScheduleAsync(new SetScheduleRequest
        {
            TenantId = tenantId, ConnectorId = "main", Schedule = new SyncSchedule { Enabled = true, LocalTime = "25:00" },
        }, auth).ResponseAsync);
        var got = await host.AdminClient().GetWeComAsync(new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        var adoptionOff = await host.AdminClient().SetFieldMappingsAsync(new SetFieldMappingsRequest
        {
            TenantId = tenantId,
            ConnectorId = "main",
            FieldMappings = new FieldMappings
            {
                Account = { new FieldMapping { Target = "username", Expression = "userid" }, new FieldMapping { Target = "display_name", Expression = "name" } },
                Organization = { new FieldMapping { Target = "name", Expression = "name" } },
                MatchRule = new MatchRule(),
            },
        }, auth);

        Assert.Equal("email", mappings.FieldMappings.MatchRule.AccountField);
        Assert.Null(adoptionOff.FieldMappings.MatchRule);
        Assert.Equal(5, thresholds.Thresholds.MaxAccountDeletes);
        Assert.Equal("06:30", schedule.Schedule.LocalTime);
        Assert.NotNull(schedule.Schedule.NextRunAt);
        Assert.Equal(StatusCode.InvalidArgument, badMapping.StatusCode);
        Assert.Equal("field_mappings.account.username", badMapping.GetBadRequest()!.FieldViolations[0].Field);
        Assert.Equal(StatusCode.InvalidArgument, badSchedule.StatusCode);
        Assert.Equal(2, got.Connector.FieldMappings.Account.Count);
        Assert.Equal(2, got.Connector.Thresholds.MaxOrganizationDeletes);
    }

    [Fact]
    public async Task ListAuditEntries_GivenAListAccountsPageTokenOrAWatchChangesResumeToken_IsInvalidArgumentNamingPageToken()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        var org = await host.OrganizationAsync(tenantId, "Tokens");
        await host.AccountAsync(tenantId, "token0", org);
        await host.AccountAsync(tenantId, "token1", org);
        var accounts = await host.DirectoryClient().ListAccountsAsync(new ListAccountsRequest { TenantId = tenantId, PageSize = 1 }, auth);
        string resumeToken;
        using (var watch = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            using var call = host.DirectoryClient().WatchChanges(
                new WatchChangesRequest { TenantId = tenantId, ResumeToken = "0" }, auth, cancellationToken: watch.Token);
            Assert.True(await call.ResponseStream.MoveNext(watch.Token), "the change stream ended before its first change");
            resumeToken = call.ResponseStream.Current.ResumeToken;
        }

        Assert.NotEqual("", accounts.NextPageToken);
        foreach (var foreign in new[] { accounts.NextPageToken, resumeToken })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ListAuditEntriesAsync(
                new ListAuditEntriesRequest { TenantId = tenantId, PageToken = foreign }, auth).ResponseAsync);

            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal("page_token", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
        }
    }

    [Fact]
    public async Task ListAuditEntries_PagesNewestFirst_AndFiltersByConnector()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main"), auth);
        for (var i = 0; i < 3; i++)
        {
            await host.AdminClient().CreateServiceClientAsync(
                new CreateServiceClientRequest { TenantId = tenantId, DisplayName = $"client {i}", Scopes = { GridScopes.DirectoryRead } }, auth);
        }

        var entries = new List<AuditEntry>();
        var pageToken = "";
        do
        {
            var page = await host.AdminClient().ListAuditEntriesAsync(
                new ListAuditEntriesRequest { TenantId = tenantId, PageSize = 2, PageToken = pageToken }, auth);
            Assert.InRange(page.Entries.Count, 0, 2);
            entries.AddRange(page.Entries);
            pageToken = page.NextPageToken;
        }
        while (pageToken != "");
        var connectorOnly = await host.AdminClient().ListAuditEntriesAsync(
            new ListAuditEntriesRequest { TenantId = tenantId, ConnectorId = "main" }, auth);

        Assert.Equal(entries.Count, entries.Select(e => e.EntryId).Distinct().Count());
        Assert.Equal(3, entries.Count(e => e.Action == "service_client.create"));
        Assert.Equal("service_client.create", entries[0].Action);
        Assert.Equal(entries.OrderByDescending(e => long.Parse(e.EntryId, System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.EntryId), entries.Select(e => e.EntryId));
        Assert.NotEmpty(connectorOnly.Entries);
        Assert.All(connectorOnly.Entries, e => Assert.StartsWith("connector/main", e.Target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncRpcs_ForAnUnknownConnectorOrRun_AreNotFound()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main"), auth);

        var start = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().StartSyncAsync(
            new StartSyncRequest { TenantId = tenantId, ConnectorId = "nope", DryRun = true }, auth).ResponseAsync);
        var run = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().GetSyncRunAsync(
            new GetSyncRunRequest { TenantId = tenantId, ConnectorId = "main", RunId = "no-such-run" }, auth).ResponseAsync);
        var runs = await host.AdminClient().ListSyncRunsAsync(new ListSyncRunsRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        var runsOfNone = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ListSyncRunsAsync(
            new ListSyncRunsRequest { TenantId = tenantId, ConnectorId = "nope" }, auth).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, start.StatusCode);
        Assert.Equal(StatusCode.NotFound, run.StatusCode);
        Assert.Equal(StatusCode.NotFound, runsOfNone.StatusCode);
        Assert.Equal($"connector 'nope' does not exist in tenant '{tenantId}'", runsOfNone.Status.Detail);
        Assert.Empty(runs.Runs);
        Assert.Equal("", runs.NextPageToken);
    }
}
