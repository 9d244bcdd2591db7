using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.Cli.Commands;

/// <summary>
/// The credential a dev-profile Grid host writes (by default to <c>grid/dev-credentials.json</c> in the user's config
/// directory; tests and scripts may point it at <c>.grid/credentials.json</c> in a working directory).
/// gridctl looks for it in the current directory and its parents (or at <c>$GRIDCTL_CREDENTIALS</c>).
/// </summary>
public sealed class DevCredentialFile
{
    public const string RelativePath = ".grid/credentials.json";

    [JsonPropertyName("server")]
    public string Server { get; set; } = "";

    [JsonPropertyName("tenant_id")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("client_id")]
    public string ClientId { get; set; } = "";

    [JsonPropertyName("client_secret")]
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// The file's path, or null when there is none: <paramref name="explicitPath"/> alone when given, else
    /// <c>.grid/credentials.json</c> in <paramref name="startDirectory"/> or a parent, else <paramref name="userPath"/>.
    /// </summary>
    public static string? Find(string? explicitPath, string startDirectory, string userPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }

        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return File.Exists(userPath) ? userPath : null;
    }

    public static DevCredentialFile Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<DevCredentialFile>(File.ReadAllText(path))
                ?? throw new CliException(ExitCodes.Usage, $"{path} is empty");
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read {path}: {ex.Message}");
        }
    }
}
