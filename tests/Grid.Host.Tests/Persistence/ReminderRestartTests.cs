using Grid.Host.Tests.Infrastructure;

namespace Grid.Host.Tests.Persistence;

/// <summary>A reminder outlives the whole cluster: every silo stops, a new cluster with the same ids picks it up.</summary>
[Collection(Name)]
public sealed class ReminderRestartTests
{
    public const string Name = "PostgreSQL reminder restart";

    private static readonly TimeSpan TickTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Reminder_AfterTheWholeClusterRestarts_FiresAgainAndKeepsItsState()
    {
        var serviceId = PostgresTestCluster.NewId("service");
        var clusterId = PostgresTestCluster.NewId("cluster");
        var key = $"t-{Guid.NewGuid():N}/reminder";

        int ticksBeforeRestart;
        var first = PostgresTestCluster.Create(silos: 1, serviceId, clusterId);
        await using (first)
        {
            await first.DeployAsync();
            var grain = first.GrainFactory.GetGrain<IReminderProbeGrain>(key);
            var tick = ReminderTicks.NextAsync(key, TickTimeout, "the first tick before the restart");
            await grain.Start(TimeSpan.FromSeconds(1));
            await tick;
            ticksBeforeRestart = await grain.Ticks();
            await first.StopAllSilosAsync();
        }

        Assert.Single(await ReminderTable.VersionsAsync(serviceId, key, ReminderProbeGrain.ReminderName));

        var second = PostgresTestCluster.Create(silos: 1, serviceId, clusterId);
        await using (second)
        {
            // Nothing calls the grain before the tick: only the reminder read back from PostgreSQL can wake it.
            var tick = ReminderTicks.NextAsync(key, TickTimeout, "a tick after the restart");
            await second.DeployAsync();
            await tick;

            // Counts only grow, so a count above the one seen before the restart was read back from storage.
            var grain = second.GrainFactory.GetGrain<IReminderProbeGrain>(key);
            var ticksAfterRestart = await grain.Ticks();
            Assert.True(ticksAfterRestart > ticksBeforeRestart, $"ticks before the restart {ticksBeforeRestart}, after {ticksAfterRestart}");
            await grain.Stop();
            await second.StopAllSilosAsync();
        }
    }
}
