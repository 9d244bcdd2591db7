namespace Grid.Host.Tests.Persistence;

/// <summary>Orleans.Reminders.AdoNet on our PostgreSQL schema, through a real grain.</summary>
[Collection(StorageCollection.Name)]
public sealed class ReminderTests(StorageClusterFixture fixture)
{
    private static readonly TimeSpan TickTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reminder_TicksAndCountsInPersistedState()
    {
        var key = $"t-{Guid.NewGuid():N}/reminder";
        var grain = fixture.Cluster.GrainFactory.GetGrain<IReminderProbeGrain>(key);

        var tick = ReminderTicks.NextAsync(key, TickTimeout, "the first tick of a one-second reminder");
        await grain.Start(TimeSpan.FromSeconds(1));
        await tick;
        await grain.Stop();

        Assert.True(await grain.Ticks() >= 1);
    }

    [Fact]
    public async Task Reminder_RegisterAgainThenUnregister_BumpsThenDeletesItsRow()
    {
        var key = $"t-{Guid.NewGuid():N}/reminder";
        var grain = fixture.Cluster.GrainFactory.GetGrain<IReminderProbeGrain>(key);
        var serviceId = fixture.ServiceId;

        await grain.Start(TimeSpan.FromMinutes(10));
        var first = await ReminderTable.VersionsAsync(serviceId, key, ReminderProbeGrain.ReminderName);
        await grain.Start(TimeSpan.FromMinutes(20));
        var second = await ReminderTable.VersionsAsync(serviceId, key, ReminderProbeGrain.ReminderName);
        await grain.Stop();
        var after = await ReminderTable.VersionsAsync(serviceId, key, ReminderProbeGrain.ReminderName);

        Assert.Equal([1], first);
        Assert.Equal([2], second);
        Assert.Empty(after);
    }
}
