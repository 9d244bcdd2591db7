using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// A command that talks to Grid: connects, runs, and turns every failure into one line on standard error and a
/// documented exit code (<see cref="ExitCodes"/>), never a stack trace.
/// </summary>
public abstract class OnlineCommand<TSettings>(StandardStreams streams, GridSession session) : AsyncCommand<TSettings>
    where TSettings : OnlineSettings
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default
        .WithFormatDefaultValues(true)
        .WithPreserveProtoFieldNames(true));

    private const int RedirectedWidth = 240;

    protected StandardStreams Streams { get; } = streams;

    protected GridSession Session { get; } = session;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return await RunAsync(settings, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (RpcException ex)
        {
            // A server lost mid-command: say which, as a failed connection does.
            var where = ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && Session.Server is { } server ? $" (server {server})" : "";
            await Streams.Error.WriteLineAsync($"error: {ex.StatusCode}: {ex.Status.Detail}{where}");
            return ExitCodes.FromStatus(ex.StatusCode);
        }
        catch (CliException ex)
        {
            await Streams.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken);

    protected IAnsiConsole Console()
    {
        // Written to a file or pipe: no escape codes (colours, cursor moves) in what scripts and logs read, and no
        // terminal width to respect, so ids stay on one line and can be copied.
        var redirected = !ReferenceEquals(Streams.Out, System.Console.Out) || System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Streams.Out),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, RedirectedWidth);
        }

        return console;
    }

    protected static string TenantOf(OnlineSettings settings, GridConnection connection) =>
        string.IsNullOrEmpty(settings.Tenant) ? connection.TenantId : settings.Tenant;

    /// <summary>Writes one object as a JSON line (--output json): the object itself, proto field names.</summary>
    protected async Task WriteJsonAsync(IMessage message) => await Streams.Out.WriteLineAsync(Formatter.Format(message));

    /// <summary>
    /// Writes a list as one JSON line (--output json): <c>{"items": [...], "next_page_token": "..."}</c>, the token only for
    /// paged lists (empty on the last page); <paramref name="parent"/>, when given, is the object the list belongs to.
    /// </summary>
    protected async Task WriteJsonListAsync<T>(IEnumerable<T> items, string? nextPageToken, (string Name, IMessage Value)? parent = null)
        where T : IMessage
    {
        var json = new StringBuilder("{");
        if (parent is { } owner)
        {
            json.Append(JsonSerializer.Serialize(owner.Name)).Append(':').Append(Formatter.Format(owner.Value)).Append(',');
        }

        json.Append("\"items\":[").AppendJoin(',', items.Select(item => Formatter.Format(item))).Append(']');
        if (nextPageToken is not null)
        {
            json.Append(",\"next_page_token\":").Append(JsonSerializer.Serialize(nextPageToken));
        }

        await Streams.Out.WriteLineAsync(json.Append('}').ToString());
    }
    /// <summary>
    /// The paged list commands' shape: reads one page from <paramref name="pageToken"/>, or with <paramref name="all"/>
    /// every page to the last, then writes the items as JSON or as <paramref name="table"/> with a hint for the next page.
    /// </summary>
    protected async Task<int> WritePagedListAsync<T>(
        OnlineSettings settings,
        string? pageToken,
        bool all,
        Func<string, Task<(IEnumerable<T> Items, string NextPageToken)>> readPage,
        Func<IReadOnlyList<T>, Table> table)
        where T : IMessage
    {
        var items = new List<T>();
        var token = pageToken ?? "";
        string next;
        do
        {
            var page = await readPage(token);
            items.AddRange(page.Items);
            next = token = page.NextPageToken;
        }
        while (all && next.Length > 0);

        if (settings.Json)
        {
            await WriteJsonListAsync(items, next);
        }
        else
        {
            Console().Write(table(items));
            if (next.Length > 0)
            {
                await Streams.Out.WriteLineAsync($"more: --page-token {next}");
            }
        }

        return ExitCodes.Success;
    }
}
