using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Grid.Benchmarks.Scale;

/// <summary>The figures of one scale run, as printed and as written to the JSON file.</summary>
internal sealed record ScaleResult(
    DateTimeOffset At, int Cores, int Members, int Departments, int Silos, ImportFigures B1, RerunFigures B2, DirectoryFigures B5);

/// <summary>B1: the first import beside its floors. Seconds, MiB; writes counted in PostgreSQL.</summary>
internal sealed record ImportFigures(
    double WallSeconds, double FetchSeconds, double PlanSeconds, double ApplySeconds, double MembersPerSecond,
    double SiloPeakRssMib, double SiloRssAfterMib, long WeComCalls, double QuotaFloorSeconds, long GrainStateWrites,
    long GrainStateRows, int MeanPayloadBytes, double StorageFloorSeconds, int StorageFloorConnections, double WalMib,
    ImmutableSortedDictionary<string, long> WritesByGrain, string State, long AccountsCreated, long Failed,
    double SiloCpuSeconds, double PostgresCpuSeconds, double BenchmarkCpuSeconds)
{
    public double Floor => Math.Max(QuotaFloorSeconds, StorageFloorSeconds);

    public double RatioToFloor => Floor > 0 ? WallSeconds / Floor : double.NaN;

    public double WritesPerMember(int members) => (double)GrainStateWrites / members;
}

/// <summary>B2: the no-change re-run.</summary>
internal sealed record RerunFigures(
    double WallSeconds, long GrainStateWrites, ImmutableSortedDictionary<string, long> WritesByGrain, string State, long PlanSteps);

/// <summary>B5: directory reads over gRPC and the memory held once idle activations are collected.</summary>
internal sealed record DirectoryFigures(
    int Concurrency, double BaselinePerSecond, double BaselineP99Ms, double LookupsPerSecond, double LookupP99Ms, double ListsPerSecond, double ListP99Ms,
    int ActivationsAfterRuns, int ActivationsIdle, double SiloRssBeforeMib, double SiloRssIdleMib, double MibPer100kMembers);

internal static class ScaleReport
{
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task PrintAsync(ScaleResult r, TextWriter output)
    {
        var b1 = r.B1;
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        await output.WriteLineAsync(F($"scale: {r.Members} members, {r.Departments} departments, {r.Silos} silo(s), {r.Cores} cores, cluster profile on PostgreSQL"));
        await output.WriteLineAsync("| case | figure | floor | ratio |");
        await output.WriteLineAsync("|---|---:|---:|---:|");
        await output.WriteLineAsync(F($"| B1 first import, wall | {b1.WallSeconds:0.0} s ({b1.State}, {b1.AccountsCreated} created, {b1.Failed} failed) | {b1.Floor:0.0} s | {b1.RatioToFloor:0.00} |"));
        await output.WriteLineAsync(F($"| B1 fetch / plan / apply | {b1.FetchSeconds:0.0} / {b1.PlanSeconds:0.0} / {b1.ApplySeconds:0.0} s | | |"));
        await output.WriteLineAsync(F($"| B1 members/s | {b1.MembersPerSecond:0} | | |"));
        await output.WriteLineAsync(F($"| B1 quota floor ({b1.WeComCalls} WeCom calls) | {b1.QuotaFloorSeconds:0.0} s | | |"));
        await output.WriteLineAsync(F($"| B1 storage floor ({b1.GrainStateWrites} upserts of {b1.MeanPayloadBytes} B, {b1.StorageFloorConnections} connections) | {b1.StorageFloorSeconds:0.0} s | | |"));
        await output.WriteLineAsync(F($"| B1 grain-state writes per member | {b1.WritesPerMember(r.Members):0.00} ({b1.GrainStateRows} rows, {b1.WalMib:0} MiB WAL) | | |"));
        await output.WriteLineAsync(F($"| B1 CPU ({r.Cores} cores × wall: {r.Cores * b1.WallSeconds:0} s) | silo {b1.SiloCpuSeconds:0} s, PostgreSQL {b1.PostgresCpuSeconds:0} s, simulator and benchmark {b1.BenchmarkCpuSeconds:0} s | | |"));
        await output.WriteLineAsync(F($"| B1 writes by grain | {string.Join(", ", b1.WritesByGrain.Select(kv => F($"{kv.Key} {kv.Value}")))} | | |"));
        await output.WriteLineAsync(F($"| B1 silo RSS peak / after | {b1.SiloPeakRssMib:0} / {b1.SiloRssAfterMib:0} MiB | 1536 MiB | {b1.SiloPeakRssMib / 1536:0.00} |"));
        await output.WriteLineAsync(F($"| B2 no-change re-run, wall | {r.B2.WallSeconds:0.0} s ({r.B2.State}, {r.B2.PlanSteps} steps) | 30 s | {r.B2.WallSeconds / 30:0.00} |"));
        await output.WriteLineAsync(F($"| B2 grain-state writes | {r.B2.GrainStateWrites} ({string.Join(", ", r.B2.WritesByGrain.Select(kv => F($"{kv.Key} {kv.Value}")))}) | | |"));
        var b5 = r.B5;
        await output.WriteLineAsync(F($"| B5 baseline: the silo's gRPC health Check ({b5.Concurrency} in flight) | {b5.BaselinePerSecond:0}/s, p99 {b5.BaselineP99Ms:0.0} ms | | |"));
        await output.WriteLineAsync(F($"| B5 LookupAccount ({b5.Concurrency} in flight) | {b5.LookupsPerSecond:0}/s, p99 {b5.LookupP99Ms:0.0} ms | 20000/s, 10 ms | {b5.LookupsPerSecond / 20000:0.00} ({b5.LookupsPerSecond / b5.BaselinePerSecond:0.00} of the baseline) |"));
        await output.WriteLineAsync(F($"| B5 ListAccounts, 100 a page ({b5.Concurrency} in flight) | {b5.ListsPerSecond:0}/s, p99 {b5.ListP99Ms:0.0} ms | | |"));
        await output.WriteLineAsync(F($"| B5 activations after the runs / once idle ones are collected | {b5.ActivationsAfterRuns} / {b5.ActivationsIdle} | | |"));
        await output.WriteLineAsync(F($"| B5 silo RSS before B1 / idle after | {b5.SiloRssBeforeMib:0} / {b5.SiloRssIdleMib:0} MiB ({b5.MibPer100kMembers:0} MiB per 100,000 members) | | |"));
    }
}
