using System.Text.Json;

namespace Grid.Cli.Tests.Online;

[Collection(OnlineHostCollection.Name)]
public sealed class AppsCommandTests(OnlineHostFixture host) : IDisposable
{
    private readonly string _configDirectory = Directory.CreateTempSubdirectory("gridctl-config-").FullName;

    public void Dispose() => Directory.Delete(_configDirectory, recursive: true);

    private Task<GridCtlRun> RunAsync(params string[] args) => GridCtlRun.RunAsync(_configDirectory, host.DevCredentialPath, args);

    [Fact]
    public async Task AppsCreateListDelete_RegisterAnApplicationWithASecretShownOnce_AndABadRedirectUriNamesTheField()
    {
        var name = $"app{Guid.NewGuid():N}"[..12];
        var create = await RunAsync("apps", "create", "--name", name, "--redirect-uri", "https://wiki.example.com/signin-oidc",
            "--scope", "openid", "--scope", "profile", "--consent", "-o", "json");
        Assert.True(create.ExitCode == 0, create.Error);
        using var created = JsonDocument.Parse(create.Out);
        var clientId = created.RootElement.GetProperty("application").GetProperty("client_id").GetString()!;
        Assert.StartsWith("as_", created.RootElement.GetProperty("client_secret").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/t/demo/", created.RootElement.GetProperty("issuer").GetString(), StringComparison.Ordinal);

        var list = await RunAsync("apps", "list", "--all", "-o", "json");
        using var listed = JsonDocument.Parse(list.Out);
        var item = listed.RootElement.GetProperty("items").EnumerateArray().Single(app => app.GetProperty("client_id").GetString() == clientId);
        Assert.Equal(name, item.GetProperty("display_name").GetString());
        Assert.True(item.GetProperty("consent_required").GetBoolean());
        Assert.False(item.TryGetProperty("client_secret", out _));
        Assert.Equal("", listed.RootElement.GetProperty("next_page_token").GetString());
        var table = await RunAsync("apps", "list");
        Assert.Contains(clientId, table.Out, StringComparison.Ordinal);

        var badUri = await RunAsync("apps", "create", "--name", name, "--redirect-uri", "http://wiki.example.com/cb");
        Assert.Equal(ExitCodes.Usage, badUri.ExitCode);
        Assert.Contains("redirect_uris", badUri.Error, StringComparison.Ordinal);
        var missing = await RunAsync("apps", "create", "--name", name);
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Contains("--redirect-uri is required", missing.Error, StringComparison.Ordinal);

        var delete = await RunAsync("apps", "delete", clientId);
        Assert.True(delete.ExitCode == 0, delete.Error);
        Assert.Contains($"application {clientId} deleted", delete.Out, StringComparison.Ordinal);
        var again = await RunAsync("apps", "delete", clientId);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("does not exist", again.Error, StringComparison.Ordinal);
        var after = await RunAsync("apps", "list", "--all", "-o", "json");
        Assert.DoesNotContain(clientId, after.Out, StringComparison.Ordinal);
    }
}
