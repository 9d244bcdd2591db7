using Grid.Host.Tests.Infrastructure;
using Grid.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Grid.Host.Tests.Hosting;

/// <summary>What a newcomer reads in the host's log: no false alarms at start, no silent stop.</summary>
public sealed class HostLogTests
{
    [Fact]
    public async Task StartAndStop_LogNoWatchdogStallOfTheMachinesUptime_AndSayGridStopped()
    {
        var logs = new CapturedLogs();
        var work = Directory.CreateTempSubdirectory("grid-logs-").FullName;
        try
        {
            var app = Build(logs, [.. GridHostArguments.Dev(Path.Combine(work, "credentials.json")), "--Logging:LogLevel:Default=Information"]);
            await using (app)
            {
                await app.StartAsync();
                var membershipClock = app.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership);
                var sinceTimestampZero = membershipClock.GetElapsedTime(0);
                await app.StopAsync();

                // Orleans' watchdog may measure its first check from timestamp 0: it must be about now, not boot.
                Assert.True(sinceTimestampZero < TimeSpan.FromMinutes(2), $"the membership clock's timestamp 0 is {sinceTimestampZero} ago");
            }

            Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("has not completed for", StringComparison.Ordinal));
            var stopped = Assert.Single(logs.Entries, e => e.Message.StartsWith("Grid stopped", StringComparison.Ordinal));
            Assert.Contains("profile dev, silo 127.0.0.1:", stopped.Message, StringComparison.Ordinal);
            Assert.Equal(LogLevel.Information, stopped.Level);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Health_OfASiloNotActiveYet_IsUnhealthyWithACalmMessage_LoggedOnceAsInformation()
    {
        var logs = new CapturedLogs();
        var app = Build(logs, ["--Logging:LogLevel:Default=Information"]);
        await using (app)
        {
            var health = app.Services.GetRequiredService<HealthCheckService>();

            var first = await health.CheckHealthAsync();
            var second = await health.CheckHealthAsync();

            Assert.Equal(HealthStatus.Unhealthy, first.Status);
            Assert.Equal(HealthStatus.Unhealthy, second.Status);
            Assert.StartsWith("not ready yet: silo ", first.Entries["silo"].Description, StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
            var logged = Assert.Single(logs.Entries, e => e.Category.EndsWith("SiloHealthCheck", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Information, logged.Level);
            Assert.Contains("not ready yet", logged.Message, StringComparison.Ordinal);
        }
    }

    private static WebApplication Build(CapturedLogs logs, string[] arguments) =>
        GridApp.Build(arguments, builder => builder.Logging.AddProvider(logs));
}
