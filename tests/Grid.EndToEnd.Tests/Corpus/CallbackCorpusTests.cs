using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.WeCom.Callbacks;

namespace Grid.EndToEnd.Tests.Corpus;

/// <summary>
/// Drives corpus/callbacks/*.json against the real receiver over HTTP: each entry is built into a request (plaintext,
/// how it is enciphered, the envelope, the signature), posted, and must get its status with a reason that says what is
/// wrong; then the connector's event list is read back: nothing stored (or, for a replay, the one event).
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class CallbackCorpusTests(GridHostFixture host)
{
    private const string CorpId = "ww0123456789abcdef";
    private const string OtherCorpId = "wwanothercorp00000";
    private const string OtherAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    public static TheoryData<string> Entries => CorpusFiles.Names("callbacks");

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task CallbackCorpusEntry_GetsItsClearRefusal_AndStoresNothing(string name)
    {
        var entry = CorpusFiles.Read<CallbackEntry>("callbacks", name);
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main", CorpId, "203.0.113." + Random.Shared.Next(1, 250)), auth);
        using var poster = new CallbackPoster(host.HttpAddress, tenantId, "main", CorpId);
        var plaintext = Fill(entry.Plaintext ?? "<xml><ToUserName><![CDATA[{corp}]]></ToUserName><FromUserName>sys</FromUserName><CreateTime>{now}</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>zhangsan</UserID></xml>");

        HttpResponseMessage? last = null;
        for (var i = 0; i < entry.Posts; i++)
        {
            last?.Dispose();
            var encrypted = Encipher(entry, poster.Crypto, plaintext);
            var body = Envelope(entry, encrypted);
            var (timestamp, nonce) = (DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "n" + i.ToString(CultureInfo.InvariantCulture));
            var query = entry.Signature switch
            {
                "valid" => $"?msg_signature={poster.Crypto.Sign(timestamp, nonce, encrypted)}&timestamp={timestamp}&nonce={nonce}",
                "bad" => $"?msg_signature={new string('0', 40)}&timestamp={timestamp}&nonce={nonce}",
                "missing" => $"?timestamp={timestamp}&nonce={nonce}",
                _ => throw new InvalidDataException($"{name}: signature is valid, bad or missing"),
            };
            last = await poster.PostRawAsync(body, poster.Path + query);
        }

        using var response = last!;
        var reason = await response.Content.ReadAsStringAsync();
        var events = await host.AdminClient().ListWeComEventsAsync(new ListWeComEventsRequest { TenantId = tenantId, ConnectorId = "main" }, auth);

        Assert.True(entry.Expect.Status == (int)response.StatusCode, $"{name}: expected {entry.Expect.Status}, got {(int)response.StatusCode} {reason}");
        Assert.True(
            entry.Expect.ReasonAny.Length == 0 || entry.Expect.ReasonAny.Any(r => reason.Contains(r, StringComparison.Ordinal)),
            $"{name}: the reason '{reason}' names none of {string.Join(" | ", entry.Expect.ReasonAny)}");
        Assert.Equal(entry.Expect.Events, events.Events.Count);
        Assert.DoesNotContain(ConnectorSamples.CallbackToken, reason, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectorSamples.EncodingAesKey, reason, StringComparison.Ordinal);
    }

    private static string Fill(string template) => template
        .Replace("{corp}", CorpId, StringComparison.Ordinal)
        .Replace("{now}", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Encipher(CallbackEntry entry, WeComCallbackCrypto crypto, string plaintext) => entry.Cipher switch
    {
        "scheme" => crypto.Encrypt(plaintext),
        "other-receive-id" => new WeComCallbackCrypto(ConnectorSamples.CallbackToken, ConnectorSamples.EncodingAesKey, OtherCorpId).Encrypt(plaintext),
        "other-key" => new WeComCallbackCrypto(ConnectorSamples.CallbackToken, OtherAesKey, CorpId).Encrypt(plaintext),
        "literal" => entry.Encrypt ?? throw new InvalidDataException("a literal cipher needs encrypt"),
        "raw" => Raw(plaintext, entry.LengthField, entry.Pad),
        _ => throw new InvalidDataException($"cipher '{entry.Cipher}' is scheme, other-receive-id, other-key, literal or raw"),
    };

    // The scheme's layout built by hand (random | length | message | receive id | pad), so that the length field and
    // the padding can lie.
    private static string Raw(string plaintext, uint? lengthField, int? pad)
    {
        var message = Encoding.UTF8.GetBytes(plaintext);
        var receiveId = Encoding.UTF8.GetBytes(CorpId);
        var content = 16 + 4 + message.Length + receiveId.Length;
        var padLength = 32 - (content % 32);
        var buffer = new byte[content + padLength];
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(16), lengthField ?? (uint)message.Length);
        message.CopyTo(buffer, 20);
        receiveId.CopyTo(buffer, 20 + message.Length);
        buffer.AsSpan(content).Fill((byte)(pad ?? padLength));
        using var aes = Aes.Create();
        var key = Convert.FromBase64String(ConnectorSamples.EncodingAesKey + "=");
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(buffer, key.AsSpan(0, 16), PaddingMode.None));
    }

    private static string Envelope(CallbackEntry entry, string encrypted)
    {
        var body = entry.Envelope switch
        {
            "xml" => WeComCallbackCrypto.CreateXmlCallbackBody(CorpId, "1000002", encrypted),
            "json" => WeComCallbackCrypto.CreateJsonCallbackBody(CorpId, "1000002", encrypted),
            "literal" => (entry.Body ?? throw new InvalidDataException("a literal envelope needs body")).Replace("{encrypt}", encrypted, StringComparison.Ordinal),
            _ => throw new InvalidDataException($"envelope '{entry.Envelope}' is xml, json or literal"),
        };
        return entry.BodyBytes is { } size ? body + new string(' ', Math.Max(0, size - Encoding.UTF8.GetByteCount(body))) : body;
    }

    public sealed record CallbackEntry
    {
        public required string Description { get; init; }

        /// <summary>The decrypted XML, with {corp} and {now}; a valid create_user event when absent.</summary>
        public string? Plaintext { get; init; }

        public string Cipher { get; init; } = "scheme";

        public string? Encrypt { get; init; }

        public uint? LengthField { get; init; }

        public int? Pad { get; init; }

        public string Envelope { get; init; } = "xml";

        public string? Body { get; init; }

        public int? BodyBytes { get; init; }

        public string Signature { get; init; } = "valid";

        public int Posts { get; init; } = 1;

        public required Expectation Expect { get; init; }
    }

    public sealed record Expectation
    {
        public required int Status { get; init; }

        public string[] ReasonAny { get; init; } = [];

        public int Events { get; init; }
    }
}
