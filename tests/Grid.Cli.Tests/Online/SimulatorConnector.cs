using System.Globalization;

namespace Grid.Cli.Tests.Online;

/// <summary>A connector of the host's default tenant against the fixture's simulated company, configured through gridctl.</summary>
public static class SimulatorConnector
{
    /// <summary>
    /// Configures a connector with a fresh id (the stored default field mappings, no match rule, and the given
    /// <c>thresholds</c> JSON object if any) and returns the id.
    /// </summary>
    public static async Task<string> ConfigureAsync(OnlineHostFixture host, string configDirectory, string? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var connector = $"sim{Guid.NewGuid():N}"[..12];
        var company = host.Simulator.Company;
        var file = Path.Combine(configDirectory, "connector.json");
        await File.WriteAllTextAsync(file, $$"""
            { "settings": { "display_name": "Simulated", "corp_id": "{{company.CorpId}}",
              "agent_id": "{{company.DefaultApp.AgentId.ToString(CultureInfo.InvariantCulture)}}", "app_secret": "{{company.DefaultApp.Secret}}",
              "callback_token": "Token123", "callback_encoding_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE",
              "trusted_ips": ["127.0.0.1"], "sync_organization_id": "org_root",
              "features": { "contact_sync": true, "password_fallback": true } }{{(thresholds is null ? "" : ", \"thresholds\": " + thresholds)}} }
            """);
        var configure = await GridCtlRun.RunAsync(configDirectory, host.DevCredentialPath, "wecom", "configure", "--connector", connector, "--file", file);
        Assert.True(configure.ExitCode == 0, configure.Error);
        return connector;
    }
}
