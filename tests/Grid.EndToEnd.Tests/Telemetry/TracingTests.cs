using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;

namespace Grid.EndToEnd.Tests.Telemetry;

/// <summary>
/// One trace from the gRPC call that starts a run, through the grain calls and the run's span, to the WeCom HTTP calls
/// of its fetch, seen by an <see cref="ActivityListener"/> on the sources the host's OTLP tracing exports; and the
/// WeCom calls' spans never carry the app secret or an access token in their URLs.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class TracingTests(GridHostFixture host)
{
    private static readonly string[] Sources =
        ["Microsoft.AspNetCore", "System.Net.Http", "Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime", "Grid.Sync"];

    [Fact]
    public async Task AStartedRun_IsOneTrace_FromTheGrpcCall_ThroughGrains_ToWeComHttp_WithoutSecretsInUrls()
    {
        var scenario = await CallbackScenario.StartAsync(host, members: 3, departments: 1);
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var run = await scenario.StartSyncAsync();
        await scenario.WaitForRunAsync(run.RunId, SyncRunState.Succeeded);
        var runSpan = await Grid.Testing.Eventually.MatchAsync(
            () => Task.FromResult(stopped.FirstOrDefault(a => a.Source.Name == "Grid.Sync" && (a.GetTagItem("grid.sync.run_id") as string) == run.RunId)),
            a => a is not null, CallbackScenario.Bound, "the run's span to end", _ => "(none)");
        var trace = stopped.Where(a => a.TraceId == runSpan!.TraceId).ToList();
        var wecomCalls = stopped.Where(a => a.Source.Name == "System.Net.Http").ToList();

        Assert.Contains(trace, a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server);
        Assert.Contains(trace, a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.Contains(trace, a => a.Source.Name == "Grid.Sync" && a.DisplayName == "sync fetch");
        Assert.Contains(trace, a => a.Source.Name == "System.Net.Http" && Url(a).Contains("/cgi-bin/department/list", StringComparison.Ordinal));
        Assert.NotEmpty(wecomCalls);
        Assert.All(wecomCalls, a =>
        {
            Assert.DoesNotContain(scenario.Company.DefaultApp.Secret, Url(a), StringComparison.Ordinal);
            Assert.DoesNotMatch("access_token=[^*&]", Url(a));
        });
    }

    private static string Url(Activity activity) => activity.GetTagItem("url.full") as string ?? "";
}
