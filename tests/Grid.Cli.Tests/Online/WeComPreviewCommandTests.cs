using System.Text.Json;
using System.Text.RegularExpressions;

namespace Grid.Cli.Tests.Online;

[Collection(OnlineHostCollection.Name)]
public sealed partial class WeComPreviewCommandTests(OnlineHostFixture host) : IDisposable
{
    private readonly string configDirectory = Directory.CreateTempSubdirectory("gridctl-preview-").FullName;

    public void Dispose() => Directory.Delete(configDirectory, recursive: true);

    // Each test previews a connector of its own, configured against the simulated company with the default mappings.
    private async Task<GridCtlRun> PreviewAsync(params string[] args)
    {
        var connector = await SimulatorConnector.ConfigureAsync(host, configDirectory);
        return await GridCtlRun.RunAsync(configDirectory, host.DevCredentialPath, ["wecom", "preview", "--connector", connector, .. args]);
    }

    [Fact]
    public async Task Preview_OfTheDefaultSample_ShowsFiveMembersWithUsernameAndDisplayName_AndExitsZero()
    {
        var run = await PreviewAsync();

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var members = host.Simulator.Company.Members.ToDictionary(m => m.UserId, StringComparer.Ordinal);
        var usernames = UsernameLine().Matches(run.Out).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(5, usernames.Distinct(StringComparer.Ordinal).Count());
        Assert.All(usernames, username => Assert.Contains($"display_name = {members[username].Name}", run.Out, StringComparison.Ordinal));
        Assert.Equal("5 members, no errors", run.Lines[^1]);
    }

    [Fact]
    public async Task Preview_WithAMappingsFileWhoseExpressionIsBroken_ShowsTheOtherFields_NamesTheTarget_AndExitsSeven()
    {
        var member = host.Simulator.Company.Members[0];
        var mappings = Path.Combine(configDirectory, "mappings.json");
        await File.WriteAllTextAsync(mappings, """
            { "field_mappings": { "account": [
                { "target": "username", "expression": "lower(userid)" },
                { "target": "display_name", "expression": "upper(name" } ] } }
            """);

        var run = await PreviewAsync("--userid", member.UserId, "--mappings", mappings);

        Assert.Equal(ExitCodes.NotSucceeded, run.ExitCode);
        Assert.Contains($"username = {member.UserId.ToLowerInvariant()}", run.Out, StringComparison.Ordinal);
        Assert.Contains("display_name: ", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("display_name = ", run.Out, StringComparison.Ordinal);
        Assert.Equal("1 member, 1 with errors", run.Lines[^1]);
    }

    [Fact]
    public async Task Preview_OfAUseridWeComDoesNotKnow_ShowsTheUseridError_AndExitsSeven()
    {
        var member = host.Simulator.Company.Members[0];

        var run = await PreviewAsync("--userid", member.UserId, "--userid", "no-such-member");

        Assert.Equal(ExitCodes.NotSucceeded, run.ExitCode);
        var unknown = Assert.Single(run.Lines, line => line.Contains("no-such-member", StringComparison.Ordinal));
        Assert.Contains("userid: ", unknown, StringComparison.Ordinal);
        Assert.Contains($"username = {member.UserId}", run.Out, StringComparison.Ordinal);
        Assert.Equal("2 members, 1 with errors", run.Lines[^1]);
    }

    [Fact]
    public async Task Preview_AsJson_PrintsTheMembersAsOneListObjectWithProtoFieldNames()
    {
        var member = host.Simulator.Company.Members[0];

        var run = await PreviewAsync("--userid", member.UserId, "--output", "json");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        using var json = JsonDocument.Parse(Assert.Single(run.Lines));
        var shown = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(member.UserId, shown.GetProperty("userid").GetString());
        Assert.Equal(member.UserId, shown.GetProperty("account_fields").GetProperty("username").GetString());
        Assert.Equal(member.Name, shown.GetProperty("account_fields").GetProperty("display_name").GetString());
        Assert.Empty(shown.GetProperty("errors").EnumerateObject());
        Assert.Equal(JsonValueKind.String, shown.GetProperty("matched_account_id").ValueKind);
    }

    [Theory]
    [InlineData("sample_size", "--sample", "51")]
    [InlineData("--sample applies only without --userid", "--sample", "3", "--userid", "zhangsan")]
    [InlineData("cannot read --mappings", "--mappings", "no-such-file.json")]
    public async Task Preview_WithBadInput_ExitsTwoAndSaysWhatIsWrong(string expected, params string[] args)
    {
        var run = await PreviewAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Preview_WithAConnectorFileWithoutFieldMappings_ExitsTwoAndSaysSo()
    {
        var thresholdsOnly = Path.Combine(configDirectory, "thresholds.json");
        await File.WriteAllTextAsync(thresholdsOnly, """{ "thresholds": { "max_account_deletes": 5 } }""");

        var run = await PreviewAsync("--mappings", thresholdsOnly);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("has no field_mappings", run.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"username = (\S+)")]
    private static partial Regex UsernameLine();
}
