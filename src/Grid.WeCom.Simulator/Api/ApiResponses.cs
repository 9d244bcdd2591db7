using System.Buffers;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Grid.WeCom.Simulator.Api;

/// <summary>
/// Writes WeCom-shaped JSON: always HTTP 200, <c>errcode</c> and <c>errmsg</c> first, CJK text unescaped, and error
/// messages with WeCom's suffix ("…, hint: [25 digits], from ip: …, more info at …?e=CODE").
/// </summary>
internal static class ApiResponses
{
    public const string JsonContentType = "application/json; charset=UTF-8";

    // WeCom's bodies go to API clients, never into HTML, so CJK and '+' are written as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task OkAsync(HttpContext context, Action<Utf8JsonWriter>? fields = null, string errmsg = "ok")
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("errcode", 0);
            writer.WriteString("errmsg", errmsg);
            fields?.Invoke(writer);
            writer.WriteEndObject();
        }

        return WriteAsync(context, buffer.WrittenMemory);
    }

    public static Task ErrorAsync(HttpContext context, int errcode)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("errcode", errcode);
            writer.WriteString("errmsg", ErrorMessage(errcode, context.Connection.RemoteIpAddress));
            writer.WriteEndObject();
        }

        return WriteAsync(context, buffer.WrittenMemory);
    }

    /// <summary>"&lt;text&gt;, hint: [&lt;25 digits&gt;], from ip: &lt;ip&gt;, more info at https://open.work.weixin.qq.com/devtool/query?e=&lt;code&gt;".</summary>
    public static string ErrorMessage(int errcode, IPAddress? callerIp)
    {
        var ip = callerIp is null ? "0.0.0.0" : (callerIp.IsIPv4MappedToIPv6 ? callerIp.MapToIPv4() : callerIp).ToString();
        var hint = new StringBuilder(25);
        hint.Append(DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("D10", CultureInfo.InvariantCulture));
        while (hint.Length < 25)
        {
            hint.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{WeComErrors.Text(errcode)}, hint: [{hint}], from ip: {ip}, more info at https://open.work.weixin.qq.com/devtool/query?e={errcode}");
    }

    private static Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
