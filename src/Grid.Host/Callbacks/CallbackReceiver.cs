using System.Text;
using Grid.Abstractions;
using Grid.Abstractions.Events;
using Grid.Grains;
using Grid.Grains.Events;
using Grid.WeCom.Callbacks;
using Grid.WeCom.Events;

namespace Grid.Host.Callbacks;

/// <summary>
/// The WeCom callback URL, <c>/t/{tenant}/wecom/{connector}/events</c>. GET answers WeCom's URL verification with the
/// decrypted echostr as plain text. POST verifies the signature and the receive id, decrypts, parses, stores the
/// event in the journal and only then answers 200 with an empty body; the inbox applies it afterwards. Anything it
/// cannot verify, read or place is refused with a 4xx, records nothing, and is logged once at Warning with the
/// reason only (never the token, the key or the body). A journal failure is a 503, which WeCom retries.
/// </summary>
internal sealed class CallbackReceiver(
    CallbackSettingsCache settingsCache,
    IEventJournal journal,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<CallbackReceiver> logger)
{
    /// <summary>Largest POST body accepted: events are a few KB (a create_user with every field is under 4 KB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task VerifyUrlAsync(HttpContext context, string tenant, string connector)
    {
        var (settings, refusal) = await ResolveAsync(tenant, connector);
        if (settings is null)
        {
            await RefuseAsync(context, tenant, connector, refusal!.Value);
            return;
        }

        if (!TryQuery(context, out var signature, out var timestamp, out var nonce) || Query(context, "echostr") is not { } echostr)
        {
            await RefuseAsync(context, tenant, connector, (StatusCodes.Status400BadRequest, "msg_signature, timestamp, nonce and echostr are required"));
            return;
        }

        string plain;
        try
        {
            plain = settings.Crypto.VerifyUrl(signature, timestamp, nonce, echostr);
        }
        catch (WeComCryptoException ex)
        {
            await RefuseAsync(context, tenant, connector, Refusal(ex));
            return;
        }

        CallbackLog.UrlVerified(logger, tenant, connector);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var bytes = StrictUtf8.GetBytes(plain);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public async Task ReceiveAsync(HttpContext context, string tenant, string connector)
    {
        using var scope = LogScopes.Connector(logger, tenant, connector);
        var (settings, refusal) = await ResolveAsync(tenant, connector);
        if (settings is null)
        {
            await RefuseAsync(context, tenant, connector, refusal!.Value);
            return;
        }

        if (!TryQuery(context, out var signature, out var timestamp, out var nonce))
        {
            await RefuseAsync(context, tenant, connector, (StatusCodes.Status400BadRequest, "msg_signature, timestamp and nonce are required"));
            return;
        }

        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            await RefuseAsync(context, tenant, connector, (StatusCodes.Status413PayloadTooLarge, $"body larger than {MaxBodyBytes} bytes"));
            return;
        }

        ContactChange change;
        string fingerprint;
        try
        {
            var plain = settings.Crypto.DecryptEnvelope(signature, timestamp, nonce, StrictUtf8.GetString(body));
            change = ContactEventParser.Parse(plain);
            fingerprint = ContactEventFingerprint.Of(plain, change.CreateTime);
        }
        catch (WeComCryptoException ex)
        {
            await RefuseAsync(context, tenant, connector, Refusal(ex));
            return;
        }
        catch (DecoderFallbackException)
        {
            await RefuseAsync(context, tenant, connector, (StatusCodes.Status400BadRequest, "body is not UTF-8"));
            return;
        }
        catch (ContactEventParseException ex)
        {
            // The parser's messages name elements, never their values.
            await RefuseAsync(context, tenant, connector, (StatusCodes.Status400BadRequest, "event: " + ex.Message));
            return;
        }

        if (!string.Equals(change.ToUserName, settings.CorpId, StringComparison.Ordinal))
        {
            await RefuseAsync(context, tenant, connector, (StatusCodes.Status403Forbidden, "event is addressed to another corp (ToUserName)"));
            return;
        }

        JournalAppend appended;
        try
        {
            appended = await journal.AppendAsync(
                WeComEventChanges.ToJournalEntry(change, tenant, connector, fingerprint, time.GetUtcNow()), CancellationToken.None);
        }
        catch (Exception ex)
        {
            CallbackLog.JournalFailed(logger, ex, tenant, connector);
            CallbackMetrics.Refused(StatusCodes.Status503ServiceUnavailable);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var stored = appended.Event;
        CallbackMetrics.Accepted(appended.IsNew);
        if (!appended.IsNew)
        {
            CallbackLog.Replayed(logger, tenant, connector, stored.Id);
        }
        else
        {
            CallbackLog.Durable(logger, tenant, connector, stored.Id, stored.ChangeType);
            if (stored.IsUnfinished)
            {
                Notify(tenant, connector, stored);
            }
        }

        // WeCom takes a 200 with an empty body as "received" (no passive reply).
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }

    private void Notify(string tenant, string connector, WeComEvent stored)
    {
        try
        {
            // One-way: the event is durable already, and a lost notice is found by the journal sweep.
            _ = grains.GetGrain<IWeComEventInboxGrain>(GridKeys.Connector(tenant, connector)).Notify([stored]);
        }
        catch (Exception ex)
        {
            CallbackLog.NotifyFailed(logger, ex, tenant, connector, stored.Id);
        }
    }

    private async Task<(CallbackSettings? Settings, (int Status, string Reason)? Refusal)> ResolveAsync(string tenant, string connector)
    {
        if (!GridKeys.IsValidTenantId(tenant) || !GridKeys.IsValidConnectorId(connector))
        {
            return (null, (StatusCodes.Status404NotFound, "not a tenant or connector id"));
        }

        CallbackSettings? settings;
        try
        {
            settings = await settingsCache.GetAsync(tenant, connector);
        }
        catch (Exception ex)
        {
            CallbackLog.SettingsFailed(logger, ex, tenant, connector);
            return (null, (StatusCodes.Status503ServiceUnavailable, "callback settings unavailable"));
        }

        return settings is null
            ? (null, (StatusCodes.Status404NotFound, "unknown tenant or connector, or no callback settings configured"))
            : (settings, null);
    }

    private static (int Status, string Reason) Refusal(WeComCryptoException ex) => ex.Error switch
    {
        WeComCryptoError.ValidateSignature or WeComCryptoError.ValidateReceiveId => (StatusCodes.Status403Forbidden, ex.Message),
        _ => (StatusCodes.Status400BadRequest, ex.Message),
    };

    private Task RefuseAsync(HttpContext context, string tenant, string connector, (int Status, string Reason) refusal)
    {
        CallbackLog.Refused(logger, context.Request.Method, tenant, connector, refusal.Status, refusal.Reason);
        CallbackMetrics.Refused(refusal.Status);
        context.Response.StatusCode = refusal.Status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(refusal.Reason, context.RequestAborted);
    }

    private static bool TryQuery(HttpContext context, out string signature, out string timestamp, out string nonce)
    {
        signature = Query(context, "msg_signature") ?? "";
        timestamp = Query(context, "timestamp") ?? "";
        nonce = Query(context, "nonce") ?? "";
        return signature.Length > 0 && timestamp.Length > 0 && nonce.Length > 0;
    }

    // ASP.NET Core decodes '+' in a query as a space; base64 (echostr) has no spaces, so a space was a '+'.
    private static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) && values is [{ Length: > 0 } value]
            ? value.Replace(' ', '+')
            : null;

    // The body, or null when it is larger than MaxBodyBytes (read no further than one byte past the limit).
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length
            && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
        {
            length += read;
        }

        return length > MaxBodyBytes ? null : buffer[..length];
    }
}
