using System.Text;
using Grid.WeCom.Simulator.Api;
using Grid.WeCom.Simulator.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace Grid.WeCom.Simulator.Faults;

/// <summary>Counts every request per path and applies the injected faults before (or, for truncation, after) serving it.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, WeComSimulator simulator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_sim/", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        simulator.CountCall(path);
        var (delay, holds, fault) = simulator.Faults.Match(path);
        if (delay > TimeSpan.Zero || holds.Count > 0)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
                foreach (var hold in holds)
                {
                    await hold.HoldAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The caller gave up (its timeout): nothing left to answer.
                return;
            }
        }

        if (fault is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        SimulatorLog.FaultInjected(simulator.Logger, fault.Kind.ToString(), path, fault.Id);
        switch (fault.Kind)
        {
            case FaultKind.ErrCode:
                simulator.OnErrCodeAnswered(path, fault.ErrCode, injected: true);
                await ApiResponses.ErrorAsync(context, fault.ErrCode).ConfigureAwait(false);
                break;
            case FaultKind.HttpStatus:
                var html = Encoding.UTF8.GetBytes($"<html><head><title>{fault.HttpStatus}</title></head><body><center><h1>{fault.HttpStatus}</h1></center><hr><center>stgw</center></body></html>");
                context.Response.StatusCode = fault.HttpStatus;
                context.Response.ContentType = "text/html";
                context.Response.ContentLength = html.Length;
                await context.Response.Body.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.DropConnection:
                context.Abort();
                break;
            case FaultKind.TruncateBody:
                await TruncateAsync(context, fault.Truncation).ConfigureAwait(false);
                break;
            default:
                await next(context).ConfigureAwait(false);
                break;
        }
    }

    private async Task TruncateAsync(HttpContext context, TruncationMode mode)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        var half = (int)(buffer.Length / 2);
        if (mode == TruncationMode.Abort)
        {
            context.Response.ContentLength = buffer.Length;
            await original.WriteAsync(buffer.GetBuffer().AsMemory(0, half), context.RequestAborted).ConfigureAwait(false);
            await original.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
            return;
        }

        // Without a Content-Length the response is chunked and ends cleanly after the half body.
        context.Response.ContentLength = null;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await original.WriteAsync(buffer.GetBuffer().AsMemory(0, half), context.RequestAborted).ConfigureAwait(false);
    }
}
