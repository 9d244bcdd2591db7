using System.Text.Json;

namespace Grid.Cli.Tests.Online;

[Collection(OnlineHostCollection.Name)]
public sealed class TenantCommandTests(OnlineHostFixture host) : IDisposable
{
    private readonly string _configDirectory = Directory.CreateTempSubdirectory("gridctl-tenants-").FullName;

    public void Dispose() => Directory.Delete(_configDirectory, recursive: true);

    private string ConfigPath => Path.Combine(_configDirectory, "config.json");

    private Task<GridCtlRun> RunAsync(params string[] args) => GridCtlRun.RunAsync(_configDirectory, host.DevCredentialPath, args);

    private Task<GridCtlRun> RunWithInputAsync(string input, params string[] args) =>
        GridCtlRun.RunWithInputAsync(_configDirectory, host.DevCredentialPath, input, args);

    private static string NewTenantId() => $"t{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task TenantsCreate_PrintsTheTenantAndItsAdminCredentialOnce_WhichLogsInFromStandardInput()
    {
        var tenant = NewTenantId();

        var create = await RunAsync("tenants", "create", tenant, "--name", "Acme Ltd", "--time-zone", "Asia/Shanghai");
        var clientId = TableValue(create, "admin client_id");
        var secret = TableValue(create, "admin client_secret");
        var login = await RunWithInputAsync($"  {secret}  \nnot the secret\n",
            "login", "--server", host.Credential.Server, "--client-id", clientId, "--client-secret-stdin");
        var orgs = await RunAsync("orgs", "list");

        Assert.True(create.ExitCode == 0, create.Error);
        Assert.Equal(tenant, TableValue(create, "tenant_id"));
        Assert.Equal("Acme Ltd", TableValue(create, "display_name"));
        Assert.Equal("Asia/Shanghai", TableValue(create, "time_zone"));
        Assert.Equal("admin directory.read", TableValue(create, "admin scopes"));
        Assert.Contains("shown only once", create.Out, StringComparison.Ordinal);
        Assert.Contains($"gridctl login --server {host.Credential.Server} --client-id {clientId} --client-secret-stdin", create.Out, StringComparison.Ordinal);
        Assert.True(login.ExitCode == 0, login.Error);
        Assert.Contains($"as {clientId} (tenant '{tenant}'", login.Out, StringComparison.Ordinal);
        Assert.True(orgs.ExitCode == 0, orgs.Error);
        Assert.Contains("Acme Ltd", orgs.Out, StringComparison.Ordinal);
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(ConfigPath));
        Assert.Equal(tenant, config.RootElement.GetProperty("tenant_id").GetString());
        Assert.Equal(secret, config.RootElement.GetProperty("client_secret").GetString());
    }

    [Fact]
    public async Task TenantsCreate_AsJsonWithLogin_PrintsOneObject_AndLaterCommandsActOnTheNewTenant()
    {
        var tenant = NewTenantId();

        var create = await RunAsync("tenants", "create", tenant, "--name", "Json Corp", "--login", "--output", "json");
        var file = Path.Combine(_configDirectory, "connector.json");
        await File.WriteAllTextAsync(file, """
            { "settings": { "display_name": "Main", "corp_id": "wwtenant00000001", "agent_id": "1000002", "app_secret": "secret-secret",
              "callback_token": "Token123", "callback_encoding_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE",
              "sync_organization_id": "org_root", "features": { "contact_sync": true, "password_fallback": true } } }
            """);
        var configure = await RunAsync("wecom", "configure", "--connector", "main", "--file", file);
        var get = await RunAsync("wecom", "get", "--connector", "main", "--output", "json");
        var createAnother = await RunAsync("tenants", "create", NewTenantId(), "--name", "Not allowed");

        Assert.True(create.ExitCode == 0, create.Error);
        var line = Assert.Single(create.Lines);
        using var json = JsonDocument.Parse(line);
        var created = json.RootElement.GetProperty("tenant");
        var credential = json.RootElement.GetProperty("admin_client");
        Assert.Equal(tenant, created.GetProperty("tenant_id").GetString());
        Assert.Equal("Json Corp", created.GetProperty("display_name").GetString());
        Assert.Equal("UTC", created.GetProperty("time_zone").GetString());
        Assert.Equal(tenant, credential.GetProperty("tenant_id").GetString());
        Assert.False(string.IsNullOrEmpty(credential.GetProperty("client_secret").GetString()));
        Assert.Equal(["admin", "directory.read"], credential.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(ConfigPath));
        Assert.Equal(credential.GetProperty("client_id").GetString(), config.RootElement.GetProperty("client_id").GetString());
        Assert.Equal(tenant, config.RootElement.GetProperty("tenant_id").GetString());
        Assert.True(configure.ExitCode == 0, configure.Error);
        Assert.True(get.ExitCode == 0, get.Error);
        using var connector = JsonDocument.Parse(get.Out);
        Assert.Equal(tenant, connector.RootElement.GetProperty("tenant_id").GetString());
        Assert.Equal(ExitCodes.Auth, createAnother.ExitCode);
        Assert.StartsWith("error: PermissionDenied:", createAnother.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantsCreate_Twice_ExitsSixSayingTheTenantExists()
    {
        var tenant = NewTenantId();

        var first = await RunAsync("tenants", "create", tenant, "--name", "Twice");
        var second = await RunAsync("tenants", "create", tenant, "--name", "Twice");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(ExitCodes.Refused, second.ExitCode);
        Assert.Equal($"error: AlreadyExists: tenant '{tenant}' already exists", second.Error.Trim());
        Assert.Equal("", second.Out);
    }

    [Fact]
    public async Task TenantsCreate_WithBadInput_ExitsTwoAndCreatesNothing()
    {
        var tenant = NewTenantId();

        var noName = await RunAsync("tenants", "create", tenant);
        var badTimeZone = await RunAsync("tenants", "create", tenant, "--name", "Zoned", "--time-zone", "Mars/Olympus");
        var badId = await RunAsync("tenants", "create", "Not_A_Label", "--name", "Bad");
        var tenantOption = await RunAsync("tenants", "create", tenant, "--name", "Twice named", "--tenant", "demo");
        var afterwards = await RunAsync("tenants", "create", tenant, "--name", "Zoned");

        Assert.Equal(ExitCodes.Usage, noName.ExitCode);
        Assert.Contains("--name is required", noName.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badTimeZone.ExitCode);
        Assert.Contains("Mars/Olympus", badTimeZone.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badId.ExitCode);
        Assert.Contains("tenant_id", badId.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, tenantOption.ExitCode);
        Assert.Contains("--tenant does not apply", tenantOption.Error, StringComparison.Ordinal);
        Assert.True(afterwards.ExitCode == 0, afterwards.Error);
    }

    [Fact]
    public async Task Login_WithBothSecretOptions_ExitsTwoAndStoresNothing()
    {
        var run = await RunWithInputAsync(host.Credential.ClientSecret + "\n",
            "login", "--server", host.Credential.Server, "--client-id", host.Credential.ClientId,
            "--client-secret", host.Credential.ClientSecret, "--client-secret-stdin");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--client-secret and --client-secret-stdin cannot be used together", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task Login_WithSecretStdinButNothingOnIt_ExitsTwoAndStoresNothing()
    {
        var run = await RunWithInputAsync("\n",
            "login", "--server", host.Credential.Server, "--client-id", host.Credential.ClientId, "--client-secret-stdin");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: --client-secret-stdin: standard input has no secret (expected it on the first line)", run.Error.Trim());
        Assert.False(File.Exists(ConfigPath));
    }

    /// <summary>The value of a row of a two-column table written by gridctl.</summary>
    private static string TableValue(GridCtlRun run, string field)
    {
        foreach (var line in run.Lines)
        {
            var cells = line.Split(['│', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (cells.Length == 2 && cells[0] == field)
            {
                return cells[1];
            }
        }

        throw new Xunit.Sdk.XunitException($"no row '{field}' in:\n{run.Out}\n{run.Error}");
    }
}
