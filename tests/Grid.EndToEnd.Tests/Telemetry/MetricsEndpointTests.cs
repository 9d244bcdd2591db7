using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.Login;
using Grid.EndToEnd.Tests.SignIn;
using Grid.Testing;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Telemetry;

/// <summary>
/// The host's Prometheus endpoint over real HTTP after real work: a full sync against the simulator, change callbacks,
/// sign-ins. Grid's meters are process-wide, so other hosts of this test process may add to the counts: the tests
/// assert what this test's own work must at least have added. Orleans' and ASP.NET Core's meters (one per host) are checked in a process of their own
/// (<see cref="OrleansMetersTests"/>).
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class MetricsEndpointTests(GridHostFixture host)
{
    private static readonly TimeSpan Bound = CallbackScenario.Bound;

    [Fact]
    public async Task AfterAFullSync_MetricsShowTheRun_ItsPhases_AndTheWeComCalls_WithoutIds()
    {
        var scenario = await CallbackScenario.StartAsync(host, members: 6, departments: 2);

        // The exporter caches a scrape for a moment: wait until the run's end shows.
        var scrape = await Eventually.MatchAsync(
            () => PrometheusScrape.GetAsync(host.HttpAddress),
            s => s.Sum("grid_sync_runs_total", ("outcome", "Succeeded"), ("trigger", "Manual")) >= 1,
            Bound, "the succeeded run in /metrics", s => s.Text);

        foreach (var phase in new[] { "fetch", "plan", "apply" })
        {
            Assert.True(scrape.Sum("grid_sync_phase_duration_seconds_count", ("phase", phase)) >= 1, $"no {phase} phase recorded");
        }

        Assert.True(scrape.Sum("grid_sync_phase_duration_seconds_sum", ("phase", "fetch")) > 0, "the fetch took no time");
        Assert.True(scrape.Sum("grid_sync_run_duration_seconds_count", ("outcome", "Succeeded")) >= 1);
        Assert.True(scrape.Sum("grid_sync_plan_steps_sum") >= 6, "the plan of 6 new members has fewer steps");
        Assert.True(scrape.Sum("grid_wecom_calls_total", ("api", "cgi-bin/gettoken"), ("result", "0")) >= 1, "no gettoken call");
        Assert.True(scrape.Sum("grid_wecom_calls_total", ("api", "cgi-bin/user/list"), ("result", "0")) >= 1, "no user/list call");
        Assert.True(scrape.Sum("grid_wecom_call_duration_seconds_count", ("api", "cgi-bin/department/list")) >= 1);
        Assert.DoesNotContain(scenario.TenantId, scrape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Company.Members[0].UserId, scrape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Company.CorpId, scrape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallbacksAndSignIns_ShowUpInTheMetrics_ByOutcome()
    {
        var before = await PrometheusScrape.GetAsync(host.HttpAddress);
        var scenario = await CallbackScenario.StartAsync(host, members: 4, departments: 1);
        var renamed = scenario.Company.Members[0].UserId;
        scenario.Company.UpdateMember(renamed, m => m with { Name = "指标改名" });
        await Eventually.MatchAsync(
            () => scenario.LookupAsync(renamed), a => a?.DisplayName == "指标改名", Bound,
            "the renamed member's account", a => a?.DisplayName ?? "(none)");
        using (var http = new HttpClient { BaseAddress = host.HttpAddress })
        {
            // No signature: refused as malformed.
            using var refused = await http.PostAsync(
                new Uri($"/t/{scenario.TenantId}/wecom/{CallbackScenario.ConnectorId}/events", UriKind.Relative), new StringContent("<xml/>"));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var signIn = await SignInTenant.CreateAsync(host);
        var session = await signIn.LoginAsync();
        await Assert.ThrowsAsync<RpcException>(() => signIn.LoginAsync(password: "not the password at all"));
        await signIn.Auth.ValidateTokenAsync(
            new ValidateTokenRequest { TenantId = signIn.TenantId, AccessToken = session.AccessToken }, signIn.Frontend);
        var login = await LoginScenario.StartAsync(host);
        var begun = await login.BeginAsync(WeComLoginMode.Qr);
        var (code, state, _) = await LoginScenario.AuthorizeAsync(begun.Url, login.ActiveMember().UserId);
        await login.CompleteAsync(state, code, begun.BrowserBinding);
        await Assert.ThrowsAsync<RpcException>(() => login.CompleteAsync(state, code, begun.BrowserBinding));

        var after = await Eventually.MatchAsync(
            () => PrometheusScrape.GetAsync(host.HttpAddress),
            s => Grew(before, s, "grid_token_validations_total", ("outcome", "valid"))
                && Grew(before, s, "grid_callbacks_lag_seconds_count", ("status", "Applied")),
            Bound, "the token validation and the applied callback in /metrics", s => s.Text);

        Assert.True(Grew(before, after, "grid_callbacks_received_total", ("outcome", "new")), "no callback received");
        Assert.True(Grew(before, after, "grid_callbacks_rejected_total", ("reason", "malformed")), "the malformed callback is not counted");
        Assert.True(Grew(before, after, "grid_signin_attempts_total", ("method", "pwd"), ("outcome", "succeeded")), "no password sign-in");
        Assert.True(Grew(before, after, "grid_signin_attempts_total", ("method", "pwd"), ("outcome", "invalid_credentials")), "no refused sign-in");
        Assert.True(Grew(before, after, "grid_signin_attempts_total", ("method", "wecom_qr"), ("outcome", "succeeded")), "no WeCom QR sign-in");
        Assert.True(Grew(before, after, "grid_signin_attempts_total", ("method", "wecom"), ("outcome", "state_reused")), "the reused state is not counted");
        Assert.DoesNotContain(signIn.AccountId, after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(signIn.Username, after.Text, StringComparison.Ordinal);
    }

    private static bool Grew(PrometheusScrape before, PrometheusScrape after, string name, params (string Key, string Value)[] labels) =>
        after.Sum(name, labels) > before.Sum(name, labels);
}
