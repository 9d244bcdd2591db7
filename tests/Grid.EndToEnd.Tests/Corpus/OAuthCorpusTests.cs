using System.Net;
using System.Security.Cryptography;
using Grid.Abstractions;
using Grid.Abstractions.Sessions;
using Grid.Abstractions.Sync;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.EndToEnd.Tests.Login;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Corpus;

/// <summary>
/// Drives corpus/oauth/*.json against the real login pages over HTTP (and, for a front end's redirect_uri, the real
/// Auth.BeginWeComLogin over gRPC), with the simulated WeCom: each entry begins a QR sign-in, optionally signs in once
/// for real first (so that its state, code or browser can be replayed), then spoils the begin or the callback as it
/// says. It must get its status and an error page (or gRPC detail) saying what is wrong, no session cookie, and the
/// member's account must hold no session but the one real sign-in's (read back from AccountSessionsGrain).
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class OAuthCorpusTests(GridHostFixture host)
{
    public static TheoryData<string> Entries => CorpusFiles.Names("oauth");

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task OAuthCorpusEntry_GetsItsClearRefusal_AndOpensNoSession(string name)
    {
        var entry = CorpusFiles.Read<OAuthEntry>("oauth", name);
        var scenario = await LoginScenario.StartAsync(host);
        var member = scenario.ActiveMember();
        var accountId = (await host.Grains.GetGrain<IWeComMemberGrain>(SyncKeys.Member(scenario.TenantId, LoginScenario.ConnectorId, member.UserId)).Get())!.AccountId!;
        using var browser = new LoginPageClient(host.HttpAddress);

        (string Code, string State, Uri Callback, string Binding)? first = null;
        if (entry.SignInFirst)
        {
            var (code, state, callback) = await browser.AuthorizeAsync(scenario.TenantId, member.UserId);
            var binding = browser.Cookies["grid_login"];
            using var signedIn = await browser.GetAsync(callback.PathAndQuery);
            Assert.True(LoginPageClient.SetsSession(signedIn), $"{name}: the real sign-in first answered {(int)signedIn.StatusCode}");
            first = (code, state, callback, binding);
        }

        if (entry.RedirectUri is { } redirectUri)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => scenario.AuthClient.BeginWeComLoginAsync(
                new BeginWeComLoginRequest { TenantId = scenario.TenantId, ConnectorId = LoginScenario.ConnectorId, Mode = WeComLoginMode.Qr, RedirectUri = Fill(redirectUri, scenario) },
                scenario.Auth).ResponseAsync);
            Assert.True(entry.Expect.Grpc == refused.StatusCode.ToString(), $"{name}: expected {entry.Expect.Grpc}, got {refused.StatusCode} {refused.Status.Detail}");
            AssertReason(name, entry.Expect, scenario, refused.Status.Detail);
        }
        else
        {
            using var response = await RefusedResponseAsync(entry, scenario, member.UserId, browser, first);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(entry.Expect.Status == (int)response.StatusCode, $"{name}: expected {entry.Expect.Status}, got {(int)response.StatusCode} {page}");
            Assert.False(LoginPageClient.SetsSession(response), $"{name}: the refusal set a session cookie");
            Assert.Null(response.Headers.Location);
            Assert.Contains($"<h1>{entry.Expect.Title}</h1>", page, StringComparison.Ordinal);
            AssertReason(name, entry.Expect, scenario, page);
        }

        // Revoking all of the account's sessions says how many it had: the real sign-in's, if any, and no other.
        var sessions = await host.Grains.GetGrain<IAccountSessionsGrain>(GridKeys.Account(scenario.TenantId, accountId)).RevokeAll();
        Assert.True((first is null ? 0 : 1) == sessions, $"{name}: the account holds {sessions} sessions");
    }

    // Begins (as the entry says), passes WeCom, and returns Grid's answer to the spoiled step.
    private static async Task<HttpResponseMessage> RefusedResponseAsync(
        OAuthEntry entry, LoginScenario scenario, string userId, LoginPageClient browser, (string Code, string State, Uri Callback, string Binding)? first)
    {
        var begun = await browser.BeginAsync(
            scenario.TenantId, returnTo: entry.ReturnTo is null ? null : Fill(entry.ReturnTo, scenario), host: entry.PageHost is null ? null : Fill(entry.PageHost, scenario));
        if (entry.Stage == "begin")
        {
            return begun;
        }

        var location = begun.Headers.Location?.AbsoluteUri;
        Assert.True(location is not null, $"the begin was not redirected to WeCom: {(int)begun.StatusCode} {await begun.Content.ReadAsStringAsync()}");
        begun.Dispose();
        var (code, state, _) = await LoginScenario.AuthorizeAsync(location, userId);
        var callbackState = entry.State switch
        {
            "begun" => state,
            "first" => first!.Value.State,
            "missing" => "",
            "forged" => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            "altered" => state[..^1] + (state[^1] == '0' ? '1' : '0'),
            _ => throw new InvalidDataException($"state '{entry.State}' is begun, first, missing, forged or altered"),
        };
        var callbackCode = entry.Code switch
        {
            "fresh" => code,
            "first" => first!.Value.Code,
            "missing" => "",
            "forged" => "forged" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            _ => throw new InvalidDataException($"code '{entry.Code}' is fresh, first, missing or forged"),
        };
        switch (entry.Binding)
        {
            case "own":
                break;
            case "first":
                browser.Cookies["grid_login"] = first!.Value.Binding;
                break;
            case "missing":
                browser.Cookies.Remove("grid_login");
                break;
            case "other":
                browser.Cookies["grid_login"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                break;
            default:
                throw new InvalidDataException($"binding '{entry.Binding}' is own, first, missing or other");
        }

        var tenant = entry.CallbackTenant == "other" ? "other-" + Guid.NewGuid().ToString("N")[..12] : scenario.TenantId;
        var query = (callbackState.Length > 0 ? "state=" + callbackState : "") + (callbackCode.Length > 0 ? "&code=" + callbackCode : "");
        return await browser.GetAsync($"/t/{tenant}/login/wecom/callback?{query.TrimStart('&')}");
    }

    private static string Fill(string template, LoginScenario scenario) => template
        .Replace("{domain}", scenario.Domain, StringComparison.Ordinal)
        .Replace("{port}", scenario.Host.HttpAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{tenant}", scenario.TenantId, StringComparison.Ordinal);

    private static void AssertReason(string name, Expectation expect, LoginScenario scenario, string text) =>
        Assert.True(
            expect.ReasonAny.Length == 0 || expect.ReasonAny.Any(r => text.Contains(Fill(r, scenario), StringComparison.Ordinal)),
            $"{name}: '{text}' names none of {string.Join(" | ", expect.ReasonAny)}");

    public sealed record OAuthEntry
    {
        public required string Description { get; init; }

        /// <summary>Signs in once for real before the entry (whose state, code or browser binding it may replay).</summary>
        public bool SignInFirst { get; init; }

        /// <summary>The return address asked for at the begin ({domain}, {port}, {tenant} are filled in, here and below).</summary>
        public string? ReturnTo { get; init; }

        /// <summary>The host[:port] the login page is reached on, when not Grid's own.</summary>
        public string? PageHost { get; init; }

        /// <summary>A front end's redirect_uri for Auth.BeginWeComLogin (the entry is then a gRPC one).</summary>
        public string? RedirectUri { get; init; }

        /// <summary>Where the refusal comes: "begin" (the page) or "callback".</summary>
        public string Stage { get; init; } = "callback";

        /// <summary>The callback's state: begun, first (the real sign-in's), missing, forged or altered.</summary>
        public string State { get; init; } = "begun";

        /// <summary>The callback's code: fresh (WeCom's for this begin), first, missing (cancelled) or forged.</summary>
        public string Code { get; init; } = "fresh";

        /// <summary>The browser's binding cookie: own, first, missing or other.</summary>
        public string Binding { get; init; } = "own";

        /// <summary>The tenant in the callback's path: own, or other.</summary>
        public string CallbackTenant { get; init; } = "own";

        public required Expectation Expect { get; init; }
    }

    public sealed record Expectation
    {
        /// <summary>The page's HTTP status.</summary>
        public int Status { get; init; }

        /// <summary>The error page's heading.</summary>
        public string Title { get; init; } = "";

        /// <summary>The gRPC status, for a redirect_uri entry.</summary>
        public string Grpc { get; init; } = "";

        public string[] ReasonAny { get; init; } = [];
    }
}
