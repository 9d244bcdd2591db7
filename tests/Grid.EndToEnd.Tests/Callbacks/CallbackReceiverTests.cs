using System.Globalization;
using System.Net;
using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.WeCom.Callbacks;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Callbacks;

/// <summary>The callback receiver of a real host (dev profile) over real HTTP: what it takes, and what it refuses.</summary>
[Collection(GridHostCollection.Name)]
public sealed class CallbackReceiverTests(GridHostFixture host)
{
    private const string CorpId = "ww0123456789abcdef";

    [Fact]
    public async Task Get_WithAValidSignature_AnswersTheDecryptedEchostrAsPlainText()
    {
        var (_, poster, _) = await ConnectorAsync();

        using var response = await poster.VerifyAsync("1288432023552776189");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1288432023552776189"u8.ToArray(), bytes); // no quotes, BOM or newline
    }

    [Fact]
    public async Task Get_WithABadSignature_IsForbidden()
    {
        var (_, poster, _) = await ConnectorAsync();
        var echostr = poster.Crypto.Encrypt("x");

        using var response = await poster.GetRawAsync($"{poster.Path}?msg_signature=0000&timestamp=1&nonce=2&echostr={Uri.EscapeDataString(echostr)}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_XmlAndJsonEnvelopes_AreDurableBefore200_WithAnEmptyBody()
    {
        var (tenantId, poster, auth) = await ConnectorAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var xml = await poster.PostEventAsync(CallbackPoster.CreateUser(CorpId, now, "zhangsan"));
        using var json = await poster.PostEventAsync(CallbackPoster.DeleteUser(CorpId, now, "lisi"), json: true);
        var events = await ListAsync(tenantId, auth);

        Assert.Equal(HttpStatusCode.OK, xml.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("", await xml.Content.ReadAsStringAsync());
        Assert.Equal(["delete_user:lisi", "create_user:zhangsan"], events.Select(e => $"{e.ChangeType}:{e.Userid}"));
    }

    [Fact]
    public async Task Post_AReplayOfAnEvent_StoresNothingMore_WhileDistinctEventsOfOneSecondAreAllKept()
    {
        var (tenantId, poster, auth) = await ConnectorAsync();
        var second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var moved = CallbackPoster.UpdateUser(CorpId, second, "wangwu", "<Department><![CDATA[1,2]]></Department>");

        // WeCom retries an event up to three times, each encrypted anew.
        var statuses = new List<HttpStatusCode>();
        foreach (var xml in new[]
        {
            moved, moved, moved,
            CallbackPoster.UpdateUser(CorpId, second, "wangwu", "<Department><![CDATA[3]]></Department>"),
            CallbackPoster.UpdateUser(CorpId, second, "zhaoliu", "<Department><![CDATA[1,2]]></Department>"),
            CallbackPoster.DeleteUser(CorpId, second, "wangwu"),
        })
        {
            using var response = await poster.PostEventAsync(xml);
            statuses.Add(response.StatusCode);
        }

        var events = await ListAsync(tenantId, auth);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(4, events.Count);
        Assert.Equal(4, events.Select(e => e.EventId).Distinct().Count());
    }

    public static TheoryData<string> BadInputs() =>
    [
        "bad signature", "another corp's receive id", "undecryptable", "oversized", "malformed envelope", "envelope with a DTD",
        "event with a DTD", "malformed event", "event for another corp", "missing signature", "unknown connector", "unknown tenant",
    ];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Post_BadInput_IsRefusedWithA4xx_AndRecordsNothing(string input)
    {
        var (tenantId, poster, auth) = await ConnectorAsync();
        var good = CallbackPoster.CreateUser(CorpId, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "zhangsan");
        var other = new WeComCallbackCrypto(ConnectorSamples.CallbackToken, ConnectorSamples.EncodingAesKey, "wwanothercorp00000");

        using var response = input switch
        {
            "bad signature" => await poster.PostRawAsync(Envelope(poster.Crypto.Encrypt(good)), $"{poster.Path}?msg_signature=deadbeef&timestamp=1&nonce=2"),
            "another corp's receive id" => await SignedAsync(other.Encrypt(good)),
            "undecryptable" => await SignedAsync(Convert.ToBase64String(new byte[64])),
            "oversized" => await poster.PostSignedAsync(Envelope(new string('A', 70_000)), new string('A', 70_000)),
            "malformed envelope" => await poster.PostSignedAsync("<xml><Encrypt>abc</Encrypt>", "abc"),
            "envelope with a DTD" => await poster.PostSignedAsync(
                "<!DOCTYPE xml [<!ENTITY e \"abc\">]><xml><Encrypt>&e;</Encrypt></xml>", "abc"),
            "event with a DTD" => await poster.PostEventAsync("<!DOCTYPE xml [<!ENTITY e \"zhangsan\">]>" + good.Replace("<![CDATA[zhangsan]]>", "&e;", StringComparison.Ordinal)),
            "malformed event" => await poster.PostEventAsync(good[..^6]),
            "event for another corp" => await poster.PostEventAsync(good.Replace(CorpId, "wwanothercorp00000", StringComparison.Ordinal)),
            "missing signature" => await poster.PostRawAsync(Envelope(poster.Crypto.Encrypt(good)), poster.Path),
            "unknown connector" => await poster.PostSignedAsync(Envelope(poster.Crypto.Encrypt(good)), "x", $"/t/{tenantId}/wecom/nope/events"),
            "unknown tenant" => await poster.PostSignedAsync(Envelope(poster.Crypto.Encrypt(good)), "x", "/t/no-such-tenant/wecom/main/events"),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };
        var events = await ListAsync(tenantId, auth);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Empty(events);

        Task<HttpResponseMessage> SignedAsync(string encrypted) => poster.PostSignedAsync(Envelope(encrypted), encrypted);
    }

    [Fact]
    public async Task ListWeComEvents_FiltersByStatus_PagesWithTokens_AndRetryRefusesAnEventThatIsNotParked()
    {
        var (tenantId, poster, auth) = await ConnectorAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var i = 0; i < 3; i++)
        {
            using var posted = await poster.PostEventAsync(CallbackPoster.UpdateUser(CorpId, now, "member" + i.ToString(CultureInfo.InvariantCulture)));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        using var ignored = await poster.PostEventAsync(CallbackPoster.Event(CorpId, now, "update_tag", "<TagId>1</TagId>"));
        var first = await host.AdminClient().ListWeComEventsAsync(
            new ListWeComEventsRequest { TenantId = tenantId, ConnectorId = "main", PageSize = 2 }, auth);
        var second = await host.AdminClient().ListWeComEventsAsync(
            new ListWeComEventsRequest { TenantId = tenantId, ConnectorId = "main", PageSize = 2, PageToken = first.NextPageToken }, auth);
        var onlyIgnored = await host.AdminClient().ListWeComEventsAsync(
            new ListWeComEventsRequest { TenantId = tenantId, ConnectorId = "main", Status = WeComEventStatus.Ignored }, auth);
        var retryIgnored = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().RetryWeComEventAsync(
            new RetryWeComEventRequest { TenantId = tenantId, ConnectorId = "main", EventId = onlyIgnored.Events[0].EventId }, auth).ResponseAsync);
        var retryUnknown = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().RetryWeComEventAsync(
            new RetryWeComEventRequest { TenantId = tenantId, ConnectorId = "main", EventId = "999999999" }, auth).ResponseAsync);
        var retryBadId = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().RetryWeComEventAsync(
            new RetryWeComEventRequest { TenantId = tenantId, ConnectorId = "main", EventId = "x1" }, auth).ResponseAsync);

        Assert.Equal(2, first.Events.Count);
        Assert.Equal(2, second.Events.Count);
        Assert.Equal("", second.NextPageToken);
        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        Assert.Equal("event/change_contact/update_tag", Assert.Single(onlyIgnored.Events).ChangeType);
        Assert.Equal(StatusCode.FailedPrecondition, retryIgnored.StatusCode);
        Assert.Equal(StatusCode.NotFound, retryUnknown.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, retryBadId.StatusCode);
    }

    [Fact]
    public async Task GetWeCom_ShowsTheCallbackUrl_OnThisHost()
    {
        var (tenantId, _, auth) = await ConnectorAsync();

        var connector = await host.AdminClient().GetWeComAsync(new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, auth);

        Assert.Equal(new Uri(host.HttpAddress, $"/t/{tenantId}/wecom/main/events").AbsoluteUri, connector.Connector.CallbackUrl);
        Assert.True(connector.Connector.HasCallbackToken);
        Assert.True(connector.Connector.HasCallbackEncodingAesKey);
        Assert.Equal("", connector.Connector.Settings.CallbackToken);
    }

    private async Task<(string TenantId, CallbackPoster Poster, Metadata Auth)> ConnectorAsync()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main", CorpId, "203.0.113." + Random.Shared.Next(1, 250)), auth);
        return (tenantId, new CallbackPoster(host.HttpAddress, tenantId, "main", CorpId), auth);
    }

    private async Task<List<Contracts.V1.WeComEvent>> ListAsync(string tenantId, Metadata auth) =>
        [.. (await host.AdminClient().ListWeComEventsAsync(new ListWeComEventsRequest { TenantId = tenantId, ConnectorId = "main" }, auth)).Events];

    private static string Envelope(string encrypted) => WeComCallbackCrypto.CreateXmlCallbackBody(CorpId, "1000002", encrypted);
}
