using System.Globalization;
using Grid.Cli.Commands;
using Grid.Sync.Mapping;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Hosting;

namespace Grid.Cli.Tests.Commands;

public sealed class ConnectorFileTests
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "Commands", "connector.sample.json");

    [Fact]
    public async Task TheSampleFile_Parses_AndConfiguresTheStandaloneSimulatorsDefaultCompany_WithTheDefaultMappings()
    {
        var defaults = new SimulatorOptions();
        var company = CompanyGenerator.Generate(defaults.Seed, defaults.Members, defaults.Departments);

        var request = await ConnectorFile.ReadAsync(SamplePath, "--file", TextReader.Null, CancellationToken.None);

        Assert.Equal(company.CorpId, request.Settings.CorpId);
        Assert.Equal(company.DefaultApp.AgentId.ToString(CultureInfo.InvariantCulture), request.Settings.AgentId);
        Assert.Equal(company.DefaultApp.Secret, request.Settings.AppSecret);
        Assert.Equal(company.DefaultApp.TrustedDomain, request.Settings.RedirectDomain);
        Assert.Equal(
            FieldMappingSet.Default.Accounts.Select(m => (m.Target, m.Expression)),
            request.FieldMappings.Account.Select(m => (m.Target, m.Expression)));
        Assert.Equal(
            FieldMappingSet.Default.Organizations.Select(m => (m.Target, m.Expression)),
            request.FieldMappings.Organization.Select(m => (m.Target, m.Expression)));
    }

    [Theory]
    [InlineData("""{ "settings": { "corpId": "ww1" } }""", "settings.corpId: unknown field; did you mean 'corp_id'?")]
    [InlineData("""{ "settings": { "encoding_aes_key": "k" } }""", "settings.encoding_aes_key: unknown field; did you mean 'callback_encoding_aes_key'?")]
    [InlineData("""{ "settings": { "sync_node_organization_id": "org_root" } }""", "settings.sync_node_organization_id: unknown field; did you mean 'sync_organization_id'?")]
    [InlineData("""{ "fieldMappings": {} }""", "fieldMappings: unknown field; did you mean 'field_mappings'?")]
    [InlineData("""{ "settings": { "trusted_domain": "a.example" } }""",
        "settings.trusted_domain: unknown field (known: display_name, corp_id, agent_id, app_secret, callback_token, callback_encoding_aes_key, "
        + "login_page_domain, authorized_callback_domain, redirect_domain, trusted_ips, sync_organization_id, features, userid_change_mode, "
        + "allowed_return_origins)")]
    [InlineData("""{ "connector_id": "main" }""", "connector_id: not part of a connector file (the connector is --connector)")]
    public void AFieldNamedOtherwiseThanInTheProto_IsRefused_NamingItAndTheClosestName(string json, string expected)
    {
        Assert.Equal([expected], ConnectorFile.Check(json));
    }

    [Theory]
    [InlineData("""{ "settings": { "agent_id": 1000002 } }""", "settings.agent_id: expected a string, got the number 1000002 (write it in quotes: \"1000002\")")]
    [InlineData("""{ "thresholds": { "max_account_deletes": "30" } }""", "thresholds.max_account_deletes: expected an integer, got a string")]
    [InlineData("""{ "settings": { "features": { "qr_login": "yes" } } }""", "settings.features.qr_login: expected true or false, got a string")]
    [InlineData("""{ "settings": { "trusted_ips": "127.0.0.1" } }""", "settings.trusted_ips: expected an array of a string, got a string")]
    [InlineData("""{ "settings": { "trusted_ips": ["127.0.0.1", 10] } }""", "settings.trusted_ips[1]: expected a string, got the number 10 (write it in quotes: \"10\")")]
    [InlineData("""{ "settings": { "userid_change_mode": "REBIND" } }""",
        "settings.userid_change_mode: expected one of \"USER_ID_CHANGE_MODE_UNSPECIFIED\", \"USER_ID_CHANGE_MODE_REBIND\", \"USER_ID_CHANGE_MODE_RECREATE\", got a string")]
    [InlineData("""{ "schedule": [] }""", "schedule: expected an object, got an array")]
    [InlineData("""{ "settings": { "app_secret": null } }""", "settings.app_secret: expected a string, got null")]
    public void AValueOfTheWrongType_NamesTheFieldAndTheTypeExpected(string json, string expected)
    {
        Assert.Equal([expected], ConnectorFile.Check(json));
    }

    [Fact]
    public async Task ReadAsync_OfABadFile_IsAUsageErrorListingEveryProblem_WithoutEchoingStrings()
    {
        var path = Path.Combine(Path.GetTempPath(), $"connector-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "settings": { "corpId": "ww1", "agent_id": 1000002, "features": "gs_secret_value" } }""");
        try
        {
            var error = await Assert.ThrowsAsync<CliException>(() => ConnectorFile.ReadAsync(path, "--file", TextReader.Null, CancellationToken.None));

            Assert.Equal(ExitCodes.Usage, error.ExitCode);
            Assert.StartsWith($"cannot read --file {path}: settings.corpId: unknown field; did you mean 'corp_id'?; settings.agent_id: ", error.Message, StringComparison.Ordinal);
            Assert.EndsWith("settings.features: expected an object, got a string", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("gs_secret_value", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
