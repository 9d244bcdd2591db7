using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Grid.WeCom.Callbacks;

namespace Grid.EndToEnd.Tests.Infrastructure;

/// <summary>Posts change callbacks to a Grid host as WeCom does: encrypted, signed, in an XML or JSON envelope.</summary>
public sealed class CallbackPoster(Uri httpAddress, string tenantId, string connectorId, string corpId) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = httpAddress };

    public WeComCallbackCrypto Crypto { get; } = new(ConnectorSamples.CallbackToken, ConnectorSamples.EncodingAesKey, corpId);

    public string CorpId => corpId;

    public string Path { get; } = $"/t/{tenantId}/wecom/{connectorId}/events";

    /// <summary>Encrypts and signs <paramref name="plainXml"/> and posts it; the envelope as WeCom builds it.</summary>
    public Task<HttpResponseMessage> PostEventAsync(string plainXml, bool json = false)
    {
        var encrypted = Crypto.Encrypt(plainXml);
        var body = json
            ? WeComCallbackCrypto.CreateJsonCallbackBody(corpId, "1000002", encrypted)
            : WeComCallbackCrypto.CreateXmlCallbackBody(corpId, "1000002", encrypted);
        return PostSignedAsync(body, encrypted);
    }

    /// <summary>Posts <paramref name="body"/> with a valid signature over <paramref name="signedCiphertext"/>.</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string body, string signedCiphertext, string? path = null)
    {
        var (timestamp, nonce) = Stamp();
        var signature = Crypto.Sign(timestamp, nonce, signedCiphertext);
        return PostRawAsync(body, $"{path ?? Path}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}");
    }

    public async Task<HttpResponseMessage> PostRawAsync(string body, string pathAndQuery)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        return await _http.PostAsync(new Uri(pathAndQuery, UriKind.Relative), content);
    }

    public async Task<HttpResponseMessage> GetRawAsync(string pathAndQuery) =>
        await _http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));

    /// <summary>The URL-verification GET WeCom sends, with an encrypted echostr of <paramref name="plain"/>.</summary>
    public Task<HttpResponseMessage> VerifyAsync(string plain)
    {
        var (timestamp, nonce) = Stamp();
        var echostr = Crypto.Encrypt(plain);
        var signature = Crypto.Sign(timestamp, nonce, echostr);
        return GetRawAsync($"{Path}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(echostr)}");
    }

    public static string CreateUser(string corpId, long createTime, string userId, string? extra = null) =>
        Event(corpId, createTime, "create_user", $"<UserID><![CDATA[{userId}]]></UserID>{extra}");

    public static string UpdateUser(string corpId, long createTime, string userId, string? extra = null) =>
        Event(corpId, createTime, "update_user", $"<UserID><![CDATA[{userId}]]></UserID>{extra}");

    public static string DeleteUser(string corpId, long createTime, string userId) =>
        Event(corpId, createTime, "delete_user", $"<UserID><![CDATA[{userId}]]></UserID>");

    public static string Event(string corpId, long createTime, string changeType, string fields) =>
        $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
        + $"<CreateTime>{createTime.ToString(CultureInfo.InvariantCulture)}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + $"<Event><![CDATA[change_contact]]></Event><ChangeType>{changeType}</ChangeType>{fields}</xml>";

    public void Dispose() => _http.Dispose();

    private static (string Timestamp, string Nonce) Stamp() =>
        (DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N")[..10]);
}
