using Google.Protobuf;
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
    public async Task ValidateWeCom_ReportsDomainMismatchAndATrustedIpOfAnotherCorp()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var (otherTenant, otherToken) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var sharedIp = $"198.51.100.{Random.Shared.Next(1, 250)}";
        await host.AdminClient().ConfigureWeComAsync(
            ConnectorSamples.Configure(otherTenant, "other", "wwotherother0001", sharedIp), GridHostFixture.Bearer(otherToken));
        var request = ConnectorSamples.Configure(tenantId, "main", "ww0123456789abcdef", sharedIp);
        request.Settings.RedirectDomain = "app.example.com";
        await host.AdminClient().ConfigureWeComAsync(request, GridHostFixture.Bearer(token));
        var clean = ConnectorSamples.Configure(tenantId, "clean", "ww0123456789abcdef", "192.0.2.77");
        await host.AdminClient().ConfigureWeComAsync(clean, GridHostFixture.Bearer(token));

        var report = await host.AdminClient().ValidateWeComAsync(
            new ValidateWeComRequest { TenantId = tenantId, ConnectorId = "main" }, GridHostFixture.Bearer(token));
        var good = await host.AdminClient().ValidateWeComAsync(
            new ValidateWeComRequest { TenantId = tenantId, ConnectorId = "clean" }, GridHostFixture.Bearer(token));

        Assert.False(report.Valid);
        var mismatch = Assert.Single(report.Findings, f => f.Code == "domains.mismatch");
        Assert.Equal("settings.redirect_domain", mismatch.Field);
        var inUse = Assert.Single(report.Findings, f => f.Code == "trusted_ip.in_use");
        Assert.Equal("settings.trusted_ips[0]", inUse.Field);
        Assert.DoesNotContain(otherTenant, inUse.Message, StringComparison.Ordinal);
        Assert.True(good.Valid, string.Join("; ", good.Findings.Select(f => f.Message)));
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
