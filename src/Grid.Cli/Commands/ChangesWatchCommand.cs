using System.ComponentModel;
using System.Globalization;
using Grid.Contracts.V1;
using Grpc.Core;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl changes watch [--from TOKEN] [--limit N]</c>: streams directory changes, one line each, until Ctrl+C
/// (or N changes). Each line carries the resume token to continue from after a disconnect; repeats of an object
/// version (at-least-once delivery) are dropped.
/// </summary>
public sealed class ChangesWatchCommand(StandardStreams streams, GridSession session) : OnlineCommand<ChangesWatchCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandOption("--from <TOKEN>")]
        [Description("The resume token of the last change seen (default: changes from now on; 0: the whole retained feed).")]
        public string? From { get; set; }

        [CommandOption("--limit <N>")]
        [Description("Stop after N changes (default: run until interrupted).")]
        public int Limit { get; set; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = grid.Directory.WatchChanges(
            new WatchChangesRequest { TenantId = TenantOf(settings, grid), ResumeToken = settings.From ?? "" }, grid.Call(stop.Token));
        var seen = new HashSet<(string, string, long)>();
        var count = 0;
        try
        {
            await foreach (var change in call.ResponseStream.ReadAllAsync(stop.Token))
            {
                if (!seen.Add((change.ObjectType, change.ObjectId, change.Version)))
                {
                    continue;
                }

                if (settings.Json)
                {
                    await WriteJsonAsync(change);
                }
                else
                {
                    var name = change.Account?.Username ?? change.Organization?.Name ?? "";
                    await Streams.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{change.ResumeToken}\t{change.OccurredAt?.ToDateTimeOffset():u}\t{string.Join('+', change.Kinds)}\t{change.ObjectType}\t{change.ObjectId}\t{name}"));
                }

                await Streams.Out.FlushAsync(stop.Token);
                if (settings.Limit > 0 && ++count >= settings.Limit)
                {
                    await stop.CancelAsync();
                }
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
        {
            // Stopped on purpose: --limit reached or interrupted.
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped on purpose: --limit reached or interrupted.
        }

        return ExitCodes.Success;
    }
}
