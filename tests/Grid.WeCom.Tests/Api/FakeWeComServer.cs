using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grid.WeCom.Tests.Api;

/// <summary>
/// A scriptable stand-in for qyapi on 127.0.0.1 (port 0): each test answers the paths it needs and reads back what
/// the client sent. gettoken answers "token-1", "token-2", ... unless a test replaces it.
/// </summary>
internal sealed class FakeWeComServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, int, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _tokenSerial;

    private FakeWeComServer(WebApplication app)
    {
        _app = app;
        On("/cgi-bin/gettoken", (context, _) =>
            JsonAsync(context, $$"""{"errcode":0,"errmsg":"ok","access_token":"token-{{Interlocked.Increment(ref _tokenSerial)}}","expires_in":7200}"""));
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FakeWeComServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeWeComServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    /// <summary>Answers <paramref name="path"/> with <paramref name="handler"/>(context, 1-based call number).</summary>
    public void On(string path, Func<HttpContext, int, Task> handler) => _handlers[path] = handler;

    public int Count(string path) => _counts.GetValueOrDefault(path);

    public static Task JsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json, Encoding.UTF8);
    }

    public static Task ErrorAsync(HttpContext context, int errCode) =>
        JsonAsync(context, $$"""{"errcode":{{errCode}},"errmsg":"error {{errCode}}, hint: [1711895722618541278482601], from ip: 127.0.0.1"}""");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var number = _counts.AddOrUpdate(path, 1, (_, count) => count + 1);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        Requests.Enqueue(new RecordedRequest(path, context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), body));

        if (_handlers.TryGetValue(path, out var handler))
        {
            await handler(context, number);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}

internal sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Query, string Body);
