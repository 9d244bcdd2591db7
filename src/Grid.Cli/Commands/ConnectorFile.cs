using Google.Protobuf;
using Grid.Contracts.V1;

namespace Grid.Cli.Commands;

/// <summary>
/// The connector file of <c>gridctl wecom configure</c>: the JSON of grid.v1.ConfigureWeComRequest without tenant and
/// connector (<c>{"settings": {...}, "field_mappings": {...}, "thresholds": {...}, "schedule": {...}}</c>). Unknown
/// fields are refused so that a misspelt name is not silently dropped.
/// </summary>
internal static class ConnectorFile
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    /// <summary>Reads <paramref name="path"/> ('-' for <paramref name="standardInput"/>); a failure is a usage error naming <paramref name="option"/>.</summary>
    public static async Task<ConfigureWeComRequest> ReadAsync(string path, string option, TextReader standardInput, CancellationToken cancellationToken)
    {
        try
        {
            var json = path == "-"
                ? await standardInput.ReadToEndAsync(cancellationToken)
                : await File.ReadAllTextAsync(path, cancellationToken);
            return Parser.Parse<ConfigureWeComRequest>(json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read {option} {path}: {ex.Message}");
        }
    }
}
