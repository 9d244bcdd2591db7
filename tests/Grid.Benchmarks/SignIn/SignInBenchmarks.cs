using System.Globalization;
using Grid.Contracts.V1;
using Grpc.Health.V1;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenTelemetry.Metrics;

namespace Grid.Benchmarks.SignIn;

/// <summary>
/// The <c>signin</c> mode: sign-in RPCs under concurrency over real gRPC on loopback against an in-process host,
/// beside baselines of the same run: a bare gRPC call that does nothing (<see cref="BareGrpcServer"/>; Grid.Host's own
/// health Check runs the silo's health checks, so it is measured beside them but is no floor) and the local ES256
/// signature check alone (the cryptographic floor of ValidateToken). Each case is one entry of
/// <see cref="Cases"/>; add a flow's case there. Last, what metrics cost ValidateToken: the case again on fresh hosts
/// with Grid's metrics and with fewer (see <see cref="MetricsCostAsync"/>).
/// </summary>
internal static class SignInBenchmarks
{
    public static async Task<int> RunAsync(SignInBenchOptions options, TextWriter output)
    {
        await output.WriteLineAsync($"signin: {options.Seconds} s per case, {options.Concurrency} calls in flight, {options.Members} members, {Environment.ProcessorCount} cores").ConfigureAwait(false);
        var bareCall = await MainCasesAsync(options, output).ConfigureAwait(false);
        await MetricsCostAsync(options, bareCall, output).ConfigureAwait(false);
        return 0;
    }

    // Every case of Cases, then sign-in against the simulator; the bare call's result (the others' baseline).
    private static async Task<LoadResult> MainCasesAsync(SignInBenchOptions options, TextWriter output)
    {
        await using var host = await SignInBenchHost.StartAsync(options.Members).ConfigureAwait(false);
        await using var bare = await BareGrpcServer.StartAsync().ConfigureAwait(false);
        var auth = new Auth.AuthClient(host.Channel);
        var accessToken = await AccessTokenAsync(auth, host).ConfigureAwait(false);

        var results = new List<LoadResult>();
        foreach (var (name, call) in Cases(host, bare, auth, accessToken))
        {
            var result = await LoadRun.RunAsync(name, call, options.Concurrency, TimeSpan.FromSeconds(options.Seconds)).ConfigureAwait(false);
            results.Add(result);
            await output.WriteLineAsync(Format(result, results[0])).ConfigureAwait(false);
        }

        // Sign-in against the simulator: its own getuserinfo, then whole completions; the cost beyond the simulator is
        // the difference at each percentile. Calls/s of these cases count the untimed preparation (begin, code) too.
        await using var wecom = new WeComSignInCases(host, auth);
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var floor = await LoadRun.RunTimedAsync("baseline: simulator auth/getuserinfo alone", wecom.GetUserInfoAsync, options.Concurrency, duration).ConfigureAwait(false);
        await output.WriteLineAsync(Format(floor, results[0])).ConfigureAwait(false);
        var complete = await LoadRun.RunTimedAsync("CompleteWeComLogin over gRPC", wecom.CompleteAsync, options.Concurrency, duration).ConfigureAwait(false);
        await output.WriteLineAsync(Format(complete, results[0])).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"  CompleteWeComLogin beyond the simulator: p50 {(complete.P50 - floor.P50).TotalMilliseconds:N3} ms, p99 {(complete.P99 - floor.P99).TotalMilliseconds:N3} ms (target p99 <= 50 ms)")).ConfigureAwait(false);
        return results[0];
    }

    // What metrics cost ValidateToken: the same case on fresh hosts whose OpenTelemetry drops more instruments than
    // Grid does (a view that drops every stream of an instrument leaves it unlistened, so its recording is skipped),
    // between two hosts with Grid's own set, so that a shared machine's drift shows. HttpClient's instruments are this
    // benchmark's client's (a front end runs in a process of its own).
    private static async Task MetricsCostAsync(SignInBenchOptions options, LoadResult bareCall, TextWriter output)
    {
        (string Name, string[] Dropped)[] variants =
        [
            ("Grid's metrics", []),
            ("every metric dropped", ["*"]),
            ("http.server.request.duration dropped", ["http.server.request.duration"]),
            ("http.client.* dropped (this client's)", ["http.client.*"]),
            ("Grid's metrics", []),
        ];
        foreach (var (name, dropped) in variants)
        {
            await using var host = await SignInBenchHost.StartAsync(options.Members, builder => builder.Services.ConfigureOpenTelemetryMeterProvider(metrics =>
            {
                foreach (var instrument in dropped)
                {
                    metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                }
            })).ConfigureAwait(false);
            var auth = new Auth.AuthClient(host.Channel);
            var accessToken = await AccessTokenAsync(auth, host).ConfigureAwait(false);
            var request = new ValidateTokenRequest { TenantId = SignInBenchHost.TenantId, AccessToken = accessToken };
            var result = await LoadRun.RunAsync($"ValidateToken, {name}", async () => await auth.ValidateTokenAsync(request, host.Frontend), options.Concurrency, TimeSpan.FromSeconds(options.Seconds)).ConfigureAwait(false);
            await output.WriteLineAsync(Format(result, bareCall)).ConfigureAwait(false);
        }
    }

    private static async Task<string> AccessTokenAsync(Auth.AuthClient auth, SignInBenchHost host)
    {
        var login = await auth.PasswordLoginAsync(new PasswordLoginRequest
        {
            TenantId = SignInBenchHost.TenantId,
            ConnectorId = SignInBenchHost.ConnectorId,
            Login = SignInBenchHost.Username,
            Password = SignInBenchHost.Password,
        }, host.Frontend);
        return login.Session.AccessToken;
    }

    private static IEnumerable<(string Name, Func<Task> Call)> Cases(SignInBenchHost host, BareGrpcServer bare, Auth.AuthClient auth, string accessToken)
    {
        var nothing = new Health.HealthClient(bare.Channel);
        var health = new Health.HealthClient(host.Channel);
        var request = new ValidateTokenRequest { TenantId = SignInBenchHost.TenantId, AccessToken = accessToken };
        var keys = new JsonWebKeySet(new HttpClient().GetStringAsync(new Uri(host.HttpAddress, "/.well-known/jwks.json")).GetAwaiter().GetResult());
        var handler = new JsonWebTokenHandler();
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = "grid",
            ValidAudience = "grid-api",
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        };

        yield return ("baseline: bare gRPC call that does nothing", async () => await nothing.CheckAsync(new HealthCheckRequest()));
        yield return ("baseline: local ES256 check alone", async () =>
        {
            var result = await handler.ValidateTokenAsync(accessToken, parameters).ConfigureAwait(false);
            if (!result.IsValid)
            {
                throw new InvalidOperationException("The benchmark's token did not validate locally.", result.Exception);
            }
        });
        yield return ("Grid.Host health Check (runs the silo check)", async () => await health.CheckAsync(new HealthCheckRequest()));
        yield return ("ValidateToken over gRPC", async () => await auth.ValidateTokenAsync(request, host.Frontend));
    }

    private static string Format(LoadResult result, LoadResult baseline) => string.Create(
        CultureInfo.InvariantCulture,
        $"  {result.Name,-44} {result.CallsPerSecond,10:N0} calls/s  p50 {result.P50.TotalMilliseconds,7:N3} ms  p99 {result.P99.TotalMilliseconds,7:N3} ms  cpu {result.CpuPerCall.TotalMicroseconds,6:N1} us/call  ({result.CallsPerSecond / baseline.CallsPerSecond:N2}x the bare call)");
}
