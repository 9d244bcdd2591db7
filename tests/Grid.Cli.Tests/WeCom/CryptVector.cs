using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.Cli.Tests.WeCom;

/// <summary>One entry of crypt-vectors.json (published WXBizMsgCrypt samples).</summary>
public sealed record CryptVector(
    string Id,
    string Token,
    [property: JsonPropertyName("encoding_aes_key")] string EncodingAesKey,
    [property: JsonPropertyName("receive_id")] string ReceiveId,
    string Timestamp,
    string Nonce,
    [property: JsonPropertyName("msg_signature")] string MsgSignature,
    [property: JsonPropertyName("echostr_or_encrypt")] string EchostrOrEncrypt,
    [property: JsonPropertyName("expected_plaintext")] string ExpectedPlaintext,
    [property: JsonPropertyName("post_body")] string? PostBody)
{
    public bool IsNegative => Id.StartsWith("NEGATIVE", StringComparison.Ordinal);

    public static IReadOnlyList<CryptVector> All { get; } = Load();

    public static CryptVector Get(string id) => All.Single(vector => vector.Id == id);

    public static TheoryData<string> Ids() => new(All.Select(v => v.Id));

    public static TheoryData<string> IdsWithPostBody() => new(All.Where(v => v.PostBody is not null).Select(v => v.Id));

    /// <summary>The common options, ready for <c>gridctl wecom decrypt</c>.</summary>
    public string[] Arguments(params string[] extra) =>
    [
        "wecom", "decrypt",
        "--token", Token,
        "--aes-key", EncodingAesKey,
        "--receive-id", ReceiveId,
        "--timestamp", Timestamp,
        "--nonce", Nonce,
        "--signature", MsgSignature,
        .. extra,
    ];

    private static List<CryptVector> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "WeCom", "crypt-vectors.json");
        var vectors = JsonSerializer.Deserialize<List<CryptVector>>(
            File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
        return vectors is { Count: > 0 } ? vectors : throw new InvalidOperationException($"No vectors in {path}.");
    }
}
