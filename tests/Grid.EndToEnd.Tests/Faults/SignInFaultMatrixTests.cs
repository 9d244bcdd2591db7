using System.Net;
using Grid.Abstractions;
using Grid.Abstractions.Sessions;
using Grid.Abstractions.Sync;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.Login;
using Grid.WeCom.Simulator.Faults;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Faults;

/// <summary>
/// The sign-in column of the WeCom fault matrix (tests/README.md): each fault injected on auth/getuserinfo while a
/// member completes a QR login through the real host, over gRPC (CompleteWeComLogin) and over HTTP (the login
/// callback page). A fault the client retries past ends in a session; any other
/// ends in a clear sign-in error (UNAVAILABLE; the 503 page "WeCom not available"), no session, and the member's
/// account as it was.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class SignInFaultMatrixTests(GridHostFixture host)
{
    private const string UserInfo = "auth/getuserinfo";

    public static TheoryData<string, string, string> Matrix => new()
    {
        // fault, expected outcome ("signed in" or the status), what the detail says
        { "45009", "signed in", "" },
        { "45033", "signed in", "" },
        { "42001", "signed in", "" },
        { "40014", "signed in", "" },
        { "5xx", "signed in", "" },
        { "reset", "signed in", "" },
        { "timeout", "signed in", "" },
        { "40001", nameof(StatusCode.Unavailable), "WeCom could not confirm the sign-in" },
        { "60011", nameof(StatusCode.Unavailable), "WeCom could not confirm the sign-in" },
        { "60020", nameof(StatusCode.Unavailable), "WeCom could not confirm the sign-in" },
        { "48009", nameof(StatusCode.Unavailable), "WeCom could not confirm the sign-in" },
        { "truncated", nameof(StatusCode.Unavailable), "WeCom could not confirm the sign-in" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task CompleteWeComLogin_WithAWeComFault_SignsInAfterRetries_OrFailsClosedWithAClearError(string fault, string expected, string detail)
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember();
        var accountId = (await host.Grains.GetGrain<IWeComMemberGrain>(SyncKeys.Member(scenario.TenantId, LoginScenario.ConnectorId, member.UserId)).Get())!.AccountId!;
        var begun = await scenario.BeginAsync(WeComLoginMode.Qr);
        var (code, state, _) = await LoginScenario.AuthorizeAsync(begun.Url, member.UserId);
        var rule = Inject(host.Simulator.Faults, fault);
        Exception? failure;
        CompleteWeComLoginResponse? completed = null;
        try
        {
            failure = await Record.ExceptionAsync(async () => completed = await scenario.CompleteAsync(state, code, begun.BrowserBinding));
        }
        finally
        {
            host.Simulator.Faults.Remove(rule);
        }

        var account = await host.Grains.GetGrain<Abstractions.Directory.IAccountGrain>(GridKeys.Account(scenario.TenantId, accountId)).Get();
        Assert.Equal(Abstractions.Directory.AccountStatus.Active, account!.Status);
        if (expected == "signed in")
        {
            Assert.Null(failure);
            Assert.Equal(accountId, completed!.Session.AccountId);
            return;
        }

        var error = Assert.IsType<RpcException>(failure);
        Assert.True(Enum.Parse<StatusCode>(expected) == error.StatusCode, $"{fault}: {error.StatusCode} {error.Status.Detail}");
        Assert.Contains(detail, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task LoginCallbackPage_WithAWeComFault_SignsInAfterRetries_OrShowsTheUnavailablePage(string fault, string expected, string detail)
    {
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember();
        var accountId = (await host.Grains.GetGrain<IWeComMemberGrain>(SyncKeys.Member(scenario.TenantId, LoginScenario.ConnectorId, member.UserId)).Get())!.AccountId!;
        using var browser = new LoginPageClient(host.HttpAddress);
        var (_, _, callback) = await browser.AuthorizeAsync(scenario.TenantId, member.UserId);
        var rule = Inject(host.Simulator.Faults, fault);
        HttpResponseMessage response;
        try
        {
            response = await browser.GetAsync(callback.PathAndQuery);
        }
        finally
        {
            host.Simulator.Faults.Remove(rule);
        }

        using (response)
        {
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            var sessions = await host.Grains.GetGrain<IAccountSessionsGrain>(GridKeys.Account(scenario.TenantId, accountId)).RevokeAll();
            var account = await host.Grains.GetGrain<Abstractions.Directory.IAccountGrain>(GridKeys.Account(scenario.TenantId, accountId)).Get();
            Assert.Equal(Abstractions.Directory.AccountStatus.Active, account!.Status);
            if (expected == "signed in")
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{fault}: {(int)response.StatusCode} {page}");
                Assert.True(LoginPageClient.SetsSession(response), $"{fault}: no session cookie");
                Assert.Equal(1, sessions);
                return;
            }

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{fault}: {(int)response.StatusCode} {page}");
            Assert.Contains("<h1>WeCom not available</h1>", page, StringComparison.Ordinal);
            Assert.Contains(detail, page, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
            Assert.False(LoginPageClient.SetsSession(response), $"{fault}: the error page set a session cookie");
            Assert.Equal(0, sessions);
        }
    }

    // A transient fault once (the client retries past it); a fault WeCom would keep answering, for every attempt.
    internal static FaultRule Inject(FaultInjector faults, string fault) => fault switch
    {
        "5xx" => faults.ReturnHttpStatus(UserInfo, 502),
        "reset" => faults.DropConnection(UserInfo),
        // Well past the client's 10-second attempt timeout: the simulator drops the delayed request once it sees the
        // caller gone, and under load it may see that a few seconds late (at 11 s the first attempt was sometimes
        // still served, spending the code its retry then presented).
        "timeout" => faults.Delay(UserInfo, TimeSpan.FromSeconds(30), times: 1),
        "truncated" => faults.TruncateBody(UserInfo, times: 10, TruncationMode.End),
        "45009" or "45033" or "42001" or "40014" => faults.ReturnErrCode(UserInfo, int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture)),
        _ => faults.ReturnErrCode(UserInfo, int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture), times: 10),
    };
}
