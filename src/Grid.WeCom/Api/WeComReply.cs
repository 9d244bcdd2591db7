using System.Text.Json;

namespace Grid.WeCom.Api;

/// <summary>A parsed WeCom response body with its status fields read out.</summary>
internal sealed class WeComReply : IDisposable
{
    private WeComReply(JsonDocument document, int errCode, string? errMsg)
    {
        Document = document;
        ErrCode = errCode;
        ErrMsg = errMsg;
    }

    public JsonDocument Document { get; }

    public int ErrCode { get; }

    public string? ErrMsg { get; }

    public static WeComReply From(string api, JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("errcode", out var errCode)
            && errCode.ValueKind == JsonValueKind.Number
            && errCode.TryGetInt32(out var code))
        {
            var errMsg = root.TryGetProperty("errmsg", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
            return new WeComReply(document, code, errMsg);
        }

        document.Dispose();
        throw new HttpRequestException(
            HttpRequestError.InvalidResponse, $"WeCom {api} returned JSON without an integer errcode.");
    }

    public void Dispose() => Document.Dispose();
}
