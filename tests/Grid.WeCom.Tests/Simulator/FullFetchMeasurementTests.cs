using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.WeCom.Api;
using Grid.WeCom.Simulator.Generation;
using Xunit.Abstractions;

namespace Grid.WeCom.Tests.Simulator;

/// <summary>
/// Measurement, not a timed test: fetches a 100,000-member, 5,000-department company completely with the real
/// client (department/simplelist, user/list_id pages, user/list per department; quotas off), asserts that nothing is
/// missing, and prints the figures.
/// </summary>
public sealed class FullFetchMeasurementTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FullFetch_OfOneHundredThousandMembers_IsComplete()
    {
        var generating = Stopwatch.GetTimestamp();
        var company = CompanyGenerator.Generate(seed: 2026, members: 100_000, departments: 5_000);
        var generated = Stopwatch.GetElapsedTime(generating);
        await using var harness = await SimulatorHarness.StartAsync(company, new Dictionary<string, string?>
        {
            ["WeCom:RequestTimeout"] = "00:00:30",
        });
        await harness.Client.GetAccessTokenAsync(harness.App);
        harness.Simulator.ResetCallCounts();

        foreach (var parallelism in new[] { 1, 8 })
        {
            harness.Simulator.ResetCallCounts();
            var started = Stopwatch.GetTimestamp();
            var fetched = await FetchAsync(harness.Client, harness.App, parallelism);
            var elapsed = Stopwatch.GetElapsedTime(started);

            Assert.Equal(company.DepartmentCount, fetched.Departments.Count);
            Assert.Equal(company.MemberCount, fetched.IdRows.Select(r => r.UserId).Distinct().Count());
            Assert.Equal(company.Members.Sum(m => m.Departments.Count), fetched.IdRows.Count);
            Assert.Equal(fetched.IdRows.Count, fetched.DetailRows);
            Assert.Equal(company.MemberCount, fetched.Details.Count);

            var calls = harness.Simulator.CallCounts;
            output.WriteLine(
                $"parallelism {parallelism}: {fetched.Details.Count:N0} members, {fetched.Departments.Count:N0} departments, {fetched.IdRows.Count:N0} list_id rows "
                + $"in {elapsed.TotalSeconds:N2} s with {calls.Values.Sum():N0} calls "
                + $"(simplelist {calls.GetValueOrDefault("/cgi-bin/department/simplelist")}, list_id {calls.GetValueOrDefault("/cgi-bin/user/list_id")}, "
                + $"user/list {calls.GetValueOrDefault("/cgi-bin/user/list"):N0}, gettoken {calls.GetValueOrDefault("/cgi-bin/gettoken")}); "
                + $"{fetched.Details.Count / elapsed.TotalSeconds:N0} members/s");
        }

        output.WriteLine($"generated the company in {generated.TotalMilliseconds:N0} ms");
    }

    private static async Task<Fetched> FetchAsync(WeComClient client, WeComApp app, int parallelism)
    {
        var departments = await client.ListDepartmentIdsAsync(app);
        var idRows = new List<DeptUser>(150_000);
        await foreach (var row in client.ListAllUserIdsAsync(app))
        {
            idRows.Add(row);
        }

        var details = new ConcurrentDictionary<string, WeComUser>(StringComparer.Ordinal);
        var detailRows = 0;
        await Parallel.ForEachAsync(
            departments,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (department, ct) =>
            {
                var users = await client.ListDepartmentUsersAsync(app, department.Id, ct);
                Interlocked.Add(ref detailRows, users.Count);
                foreach (var user in users)
                {
                    details.TryAdd(user.UserId, user);
                }
            });
        return new Fetched(departments, idRows, details, detailRows);
    }

    private sealed record Fetched(
        IReadOnlyList<WeComDepartmentId> Departments,
        List<DeptUser> IdRows,
        ConcurrentDictionary<string, WeComUser> Details,
        int DetailRows);
}
