using System.Text.Json;
using Grid.Grains.Sync.Incremental;
using Grid.WeCom.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Cli.Tests.Online;

/// <summary>
/// gridctl wecom held list|approve|discard against the real host: a connector whose delete budget is 0 holds every
/// delete a change callback plans (the callbacks are given to the host's applier, as its event inbox does).
/// </summary>
[Collection(OnlineHostCollection.Name)]
public sealed class WeComHeldCommandTests(OnlineHostFixture host) : IDisposable
{
    private readonly string _configDirectory = Directory.CreateTempSubdirectory("gridctl-held-").FullName;

    public void Dispose() => Directory.Delete(_configDirectory, recursive: true);

    private Task<GridCtlRun> RunAsync(params string[] args) => GridCtlRun.RunAsync(_configDirectory, host.DevCredentialPath, args);

    [Fact]
    public async Task HeldList_ShowsHeldDeletes_ThenApproveAndDiscardEmptyIt_AndRefuseIdsWithAll()
    {
        var connector = await ConfigureWithNoDeleteBudgetAsync();
        Assert.Equal(0, (await RunAsync("sync", "start", "--connector", connector, "--watch")).ExitCode);
        var members = host.Simulator.Company.Members.Take(3).Select(m => m.UserId).ToList();
        var applier = host.App.Services.GetRequiredService<IContactChangeApplier>();
        foreach (var userId in members)
        {
            // The members are still in WeCom: the deletes are held, and an approval plans them again and deletes nothing.
            var outcome = await applier.ApplyAsync(
                host.Credential.TenantId, connector, "evt-" + userId, new MemberDeleted(host.Simulator.Company.CorpId, DateTimeOffset.UtcNow, userId), CancellationToken.None);
            Assert.Equal(ContactChangeOutcome.Held, outcome);
        }

        var list = await RunAsync("wecom", "held", "list", "--connector", connector, "--output", "json");
        var table = await RunAsync("wecom", "held", "list", "--connector", connector);
        var both = await RunAsync("wecom", "held", "approve", "h_1", "--all", "--connector", connector);
        var approve = await RunAsync("wecom", "held", "approve", "h_1", "h_9", "--connector", connector);
        var discard = await RunAsync("wecom", "held", "discard", "--all", "--connector", connector, "--output", "json");
        var after = await RunAsync("wecom", "held", "list", "--connector", connector, "--output", "json");

        Assert.True(list.ExitCode == 0, list.Error);
        using (var json = JsonDocument.Parse(list.Out))
        {
            var items = json.RootElement.GetProperty("items");
            Assert.Equal(3, items.GetArrayLength());
            Assert.Equal("h_1", items[0].GetProperty("held_change_id").GetString());
            Assert.Equal(members[0], items[0].GetProperty("wecom_userid").GetString());
            Assert.Equal("HELD_CHANGE_KIND_ACCOUNT_DELETE", items[0].GetProperty("kind").GetString());
            Assert.Equal("", json.RootElement.GetProperty("next_page_token").GetString());
        }

        Assert.Contains("3 held", table.Out, StringComparison.Ordinal);
        Assert.Contains(members[1], table.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("not both", both.Out + both.Error, StringComparison.Ordinal);
        Assert.True(approve.ExitCode == 0, approve.Error);
        Assert.Contains("1 held change(s) approved and applied; not held: h_9", approve.Out, StringComparison.Ordinal);
        Assert.True(discard.ExitCode == 0, discard.Error);
        using (var json = JsonDocument.Parse(discard.Out))
        {
            Assert.Equal(2, json.RootElement.GetProperty("discarded").GetInt32());
        }

        using (var json = JsonDocument.Parse(after.Out))
        {
            Assert.Equal(0, json.RootElement.GetProperty("items").GetArrayLength());
        }

        foreach (var userId in members)
        {
            var account = await RunAsync("accounts", "lookup", "--wecom-userid", userId, "--connector", connector, "--output", "json");
            Assert.True(account.ExitCode == 0, account.Error);
            Assert.DoesNotContain("DELETED", account.Out, StringComparison.Ordinal);
        }
    }

    private async Task<string> ConfigureWithNoDeleteBudgetAsync()
    {
        var connector = await SimulatorConnector.ConfigureAsync(
            host, _configDirectory, """{ "max_account_deletes": 30, "max_organization_deletes": 10, "incremental_max_account_deletes": 0 }""");
        var get = await RunAsync("wecom", "get", "--connector", connector);
        Assert.Contains("accounts 0, organizations 10 per 600 s", get.Out, StringComparison.Ordinal);
        return connector;
    }
}
