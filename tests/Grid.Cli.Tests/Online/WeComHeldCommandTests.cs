using System.Text.Json;
using Grid.Abstractions;
using Grid.Abstractions.Events;
using Grid.Grains.Events;
using Grid.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Cli.Tests.Online;

/// <summary>
/// gridctl wecom held list|approve|discard against the real host: a connector whose delete budget is 0 holds every
/// delete a change callback plans (the callbacks are stored in the host's journal and its inbox told, as the receiver
/// does); gridctl wecom events list then shows each held event approved or discarded and by whom.
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
        var journal = host.App.Services.GetRequiredService<IEventJournal>();
        var now = DateTimeOffset.UtcNow;
        foreach (var userId in members)
        {
            // The members are still in WeCom: the deletes are held, and an approval plans them again and deletes nothing.
            var stored = await journal.AppendAsync(
                new NewWeComEvent(host.Credential.TenantId, connector, "held-" + userId, WeComEventChanges.DeleteUser, userId, null, null, null,
                    host.Simulator.Company.CorpId, now, now, WeComEventStatus.Durable),
                CancellationToken.None);
            await host.App.Services.GetRequiredService<IGrainFactory>()
                .GetGrain<IWeComEventInboxGrain>(GridKeys.Connector(host.Credential.TenantId, connector)).Notify([stored.Event]);
        }

        await Eventually.MatchAsync(
            () => RunAsync("wecom", "events", "list", "--connector", connector, "--status", "held", "--output", "json"),
            run => run.ExitCode == 0 && ItemCount(run.Out) == members.Count,
            TimeSpan.FromSeconds(60), "the three delete events to be held", run => run.Out + run.Error);
        var list = await RunAsync("wecom", "held", "list", "--connector", connector, "--output", "json");
        var table = await RunAsync("wecom", "held", "list", "--connector", connector);
        var both = await RunAsync("wecom", "held", "approve", "h_1", "--all", "--connector", connector);
        var approve = await RunAsync("wecom", "held", "approve", "h_1", "h_9", "--connector", connector);
        var discard = await RunAsync("wecom", "held", "discard", "--all", "--connector", connector, "--output", "json");
        var after = await RunAsync("wecom", "held", "list", "--connector", connector, "--output", "json");
        var approved = await RunAsync("wecom", "events", "list", "--connector", connector, "--status", "approved", "--output", "json");
        var discarded = await RunAsync("wecom", "events", "list", "--connector", connector, "--status", "discarded", "--output", "json");
        var events = await RunAsync("wecom", "events", "list", "--connector", connector);

        Assert.True(list.ExitCode == 0, list.Error);
        string first;
        using (var json = JsonDocument.Parse(list.Out))
        {
            var items = json.RootElement.GetProperty("items");
            Assert.Equal(3, items.GetArrayLength());
            Assert.Equal("h_1", items[0].GetProperty("held_change_id").GetString());
            first = items[0].GetProperty("wecom_userid").GetString()!;
            Assert.Contains(first, members);
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

        AssertDecided(approved, [first], "WE_COM_EVENT_STATUS_APPROVED");
        AssertDecided(discarded, [.. members.Where(m => m != first)], "WE_COM_EVENT_STATUS_DISCARDED");
        Assert.Contains("approved", events.Out, StringComparison.Ordinal);
        Assert.Contains("discarded", events.Out, StringComparison.Ordinal);
        Assert.Contains(host.Credential.ClientId, events.Out, StringComparison.Ordinal);

        foreach (var userId in members)
        {
            var account = await RunAsync("accounts", "lookup", "--wecom-userid", userId, "--connector", connector, "--output", "json");
            Assert.True(account.ExitCode == 0, account.Error);
            Assert.DoesNotContain("DELETED", account.Out, StringComparison.Ordinal);
        }
    }

    private static int ItemCount(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("items").GetArrayLength();
    }

    // The events of exactly these members, in this status, decided by the dev credential's client.
    private void AssertDecided(GridCtlRun run, List<string> userIds, string status)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(userIds.Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("userid").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(items, item =>
        {
            Assert.Equal(status, item.GetProperty("status").GetString());
            Assert.Equal(host.Credential.ClientId, item.GetProperty("decided_by").GetString());
            Assert.NotEqual(JsonValueKind.Null, item.GetProperty("finished_at").ValueKind);
        });
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
