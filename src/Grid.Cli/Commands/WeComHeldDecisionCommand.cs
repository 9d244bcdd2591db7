using System.Globalization;
using Google.Protobuf;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl wecom held approve|discard ID...|--all</c>: what both share (the request's ids or all, the JSON or the
/// one-line outcome); each says which RPC it calls.
/// </summary>
public abstract class WeComHeldDecisionCommand(StandardStreams streams, GridSession session) : OnlineCommand<WeComHeldSettings>(streams, session)
{
    /// <summary>What the command did, in the outcome line ("approved and applied", "discarded").</summary>
    protected abstract string Done { get; }

    /// <summary>Calls the RPC; returns its response, how many it decided and the ids not held.</summary>
    protected abstract Task<(IMessage Response, int Count, IReadOnlyCollection<string> NotFound)> DecideAsync(
        GridConnection grid, string tenantId, WeComHeldSettings settings, CancellationToken cancellationToken);

    protected sealed override async Task<int> RunAsync(WeComHeldSettings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var (response, count, notFound) = await DecideAsync(grid, TenantOf(settings, grid), settings, cancellationToken);
        if (settings.Json)
        {
            await WriteJsonAsync(response);
        }
        else
        {
            await Streams.Out.WriteLineAsync(
                string.Create(CultureInfo.InvariantCulture, $"{count} held change(s) {Done}")
                + (notFound.Count > 0 ? $"; not held: {string.Join(", ", notFound)}" : ""));
        }

        return ExitCodes.Success;
    }
}
