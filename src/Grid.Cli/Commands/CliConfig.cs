using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.Cli.Commands;

/// <summary>
/// What <c>gridctl login</c> stores in the user's config directory (<c>gridctl/config.json</c>, mode 0600): the server,
/// the service credential and the last access token with its expiry.
/// </summary>
public sealed class CliConfig
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [JsonPropertyName("server")]
    public string Server { get; set; } = "";

    [JsonPropertyName("tenant_id")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("client_id")]
    public string ClientId { get; set; } = "";

    [JsonPropertyName("client_secret")]
    public string ClientSecret { get; set; } = "";

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_at")]
    public DateTimeOffset? ExpiresAt { get; set; }

    public static CliConfig? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read {path}: {ex.Message}");
        }
    }

    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
            return;
        }

        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Write a new owner-only file and move it over the old one, so the secret is never readable by others.
        var temporary = path + ".tmp";
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
