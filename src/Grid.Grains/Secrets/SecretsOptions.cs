namespace Grid.Grains.Secrets;

/// <summary>
/// Master keys for sealing secrets at rest, section <c>Grid:Secrets</c>. <see cref="ToString"/> never prints keys.
/// </summary>
public sealed class SecretsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Grid:Secrets";

    /// <summary>The current master key: 32 random bytes, base64 (e.g. <c>openssl rand -base64 32</c>). Required.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Earlier master keys (base64, 32 bytes each), kept so values sealed with them still open.</summary>
    public IList<string> RetiredKeys { get; } = [];

    /// <summary>Says whether keys are set, never the keys.</summary>
    public override string ToString() =>
        $"SecretsOptions {{ MasterKey = {(string.IsNullOrEmpty(MasterKey) ? "(missing)" : "***")}, RetiredKeys = {RetiredKeys.Count} }}";
}
