using System.Diagnostics;
using System.Globalization;
using Grid.Grains.Sync;
using Grid.WeCom;
using Grid.WeCom.Api;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Grid.Grains.Tests.Sync;

/// <summary>
/// Measurement, not a timed test: fetches a 100,000-member, 5,000-department company completely with the sync
/// coordinator's own fetcher (<see cref="WeComSnapshotFetcher"/> over the real client; quotas off), asserts that
/// nothing is missing, and prints the figures.
/// </summary>
public sealed class WeComSnapshotFetcherMeasurementTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FullFetch_OfOneHundredThousandMembers_IsComplete()
    {
        var generating = Stopwatch.GetTimestamp();
        var company = CompanyGenerator.Generate(seed: 2026, members: 100_000, departments: 5_000);
        var generated = Stopwatch.GetElapsedTime(generating);
        await using var simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Company = company });
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddWeComClient(simulator.ClientConfiguration(new Dictionary<string, string?> { ["WeCom:RequestTimeout"] = "00:00:30" }))
            .BuildServiceProvider(validateScopes: true);
        var client = services.GetRequiredService<WeComClient>();
        var app = new WeComApp(company.CorpId, company.DefaultApp.AgentId.ToString(CultureInfo.InvariantCulture), company.DefaultApp.Secret);
        await client.GetAccessTokenAsync(app);

        foreach (var parallelism in new[] { 1, 8 })
        {
            simulator.Simulator.ResetCallCounts();
            var fetcher = new WeComSnapshotFetcher(client, parallelism);
            var started = Stopwatch.GetTimestamp();
            var snapshot = await fetcher.FetchAsync(app, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started);

            Assert.True(snapshot.Complete);
            Assert.False(fetcher.CrossCheckSkipped);
            Assert.Equal(company.DepartmentCount, snapshot.Departments.Count);
            Assert.Equal(company.MemberCount, snapshot.Members.Select(m => m.UserId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.Equal(company.Members.Sum(m => m.Departments.Count), snapshot.Members.Sum(m => m.Departments.Count));
            Assert.Equal(fetcher.Total, fetcher.Completed);

            var calls = simulator.Simulator.CallCounts;
            Assert.Equal(0L, calls.GetValueOrDefault("/cgi-bin/user/get"));
            output.WriteLine(
                $"parallelism {parallelism}: {snapshot.Members.Count:N0} members, {snapshot.Departments.Count:N0} departments "
                + $"in {elapsed.TotalSeconds:N2} s with {calls.Values.Sum():N0} calls "
                + $"(department/list {calls.GetValueOrDefault("/cgi-bin/department/list")}, list_id {calls.GetValueOrDefault("/cgi-bin/user/list_id")}, "
                + $"user/list {calls.GetValueOrDefault("/cgi-bin/user/list"):N0}, gettoken {calls.GetValueOrDefault("/cgi-bin/gettoken")}); "
                + $"{snapshot.Members.Count / elapsed.TotalSeconds:N0} members/s");
        }

        output.WriteLine($"generated the company in {generated.TotalMilliseconds:N0} ms");
    }
}
