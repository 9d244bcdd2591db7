using System.Text.Json.Serialization;

namespace Grid.WeCom.Api;

/// <summary>A member as returned by user/simplelist.</summary>
public sealed record WeComUserSummary
{
    [JsonPropertyName("userid")]
    public required string UserId { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<long>? Department { get; init; }

    /// <summary>Only for third-party apps.</summary>
    [JsonPropertyName("open_userid")]
    public string? OpenUserId { get; init; }
}
