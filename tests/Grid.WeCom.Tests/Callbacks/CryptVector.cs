using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.WeCom.Tests.Callbacks;

/// <summary>One entry of crypt-vectors.json (published WXBizMsgCrypt samples).</summary>
public sealed record CryptVector(
    string Id,
    string Kind,
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

    public bool IsUrlVerification => Kind.StartsWith("verify_url", StringComparison.Ordinal);

    public static IReadOnlyList<CryptVector> All { get; } = Load();

    public static CryptVector Get(string id) => All.Single(vector => vector.Id == id);

    public static TheoryData<string> PositiveIds() => new(All.Where(v => !v.IsNegative).Select(v => v.Id));

    public static TheoryData<string> NegativeIds() => new(All.Where(v => v.IsNegative).Select(v => v.Id));

    public static TheoryData<string> PositiveIdsWithPostBody() =>
        new(All.Where(v => !v.IsNegative && v.PostBody is not null).Select(v => v.Id));

    private static List<CryptVector> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Callbacks", "crypt-vectors.json");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        var vectors = JsonSerializer.Deserialize<List<CryptVector>>(File.ReadAllText(path), options);
        return vectors is { Count: > 0 } ? vectors : throw new InvalidOperationException($"No vectors in {path}.");
    }
}
