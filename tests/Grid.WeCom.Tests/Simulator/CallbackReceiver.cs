using System.Collections.Concurrent;
using System.Net;
using Grid.WeCom.Callbacks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.WeCom.Tests.Simulator;

/// <summary>
/// A small callback URL on 127.0.0.1 that verifies and decrypts every POST with <see cref="WeComCallbackCrypto"/>,
/// records the plaintext, and answers as scripted (a status, optionally after a delay).
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    public const string Token = "gridCallbackToken2026";
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private readonly WebApplication _app;
    private readonly WeComCallbackCrypto _crypto;
    private readonly ConcurrentQueue<(int Status, TimeSpan Delay)> _script = new();
    private readonly List<ReceivedCallback> _received = [];
    private int _urlChecks;

    private CallbackReceiver(WebApplication app, WeComCallbackCrypto crypto)
    {
        _app = app;
        _crypto = crypto;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every POST, in arrival order (verified or not).</summary>
    public IReadOnlyList<ReceivedCallback> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<CallbackReceiver> StartAsync(string corpId, string token = Token)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var receiver = new CallbackReceiver(app, new WeComCallbackCrypto(token, EncodingAesKey, corpId));
        app.MapPost("/t/acme/wecom/main/events", receiver.HandleAsync);
        app.MapGet("/t/acme/wecom/main/events", receiver.VerifyAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/t/acme/wecom/main/events");
        return receiver;
    }

    /// <summary>The next requests get these answers, in order; after the script, 200 at once.</summary>
    public void Script(params (int Status, TimeSpan Delay)[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    /// <summary>When true, URL checks are answered with something other than the decrypted echostr.</summary>
    public bool AnswerUrlChecksWrongly { get; set; }

    /// <summary>How many URL checks (GET with echostr) arrived.</summary>
    public int UrlChecks => Volatile.Read(ref _urlChecks);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task VerifyAsync(HttpContext context)
    {
        Interlocked.Increment(ref _urlChecks);
        var query = context.Request.Query;
        try
        {
            var echo = _crypto.VerifyUrl(query["msg_signature"].ToString(), query["timestamp"].ToString(), query["nonce"].ToString(), query["echostr"].ToString());
            await context.Response.WriteAsync(AnswerUrlChecksWrongly ? "\"" + echo + "\"" : echo, context.RequestAborted);
        }
        catch (WeComCryptoException)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        string? plaintext = null;
        string? error = null;
        try
        {
            plaintext = _crypto.DecryptEnvelope(query["msg_signature"].ToString(), query["timestamp"].ToString(), query["nonce"].ToString(), body);
        }
        catch (WeComCryptoException exception)
        {
            error = exception.Message;
        }

        lock (_received)
        {
            _received.Add(new ReceivedCallback(plaintext, error, body));
        }

        var (status, delay) = _script.TryDequeue(out var scripted) ? scripted : (plaintext is null ? 403 : 200, TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status;
    }
}

/// <summary>One POST the receiver got: its decrypted plaintext, or why it could not be verified.</summary>
internal sealed record ReceivedCallback(string? Plaintext, string? Error, string Body);
