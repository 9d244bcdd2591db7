using System.Text.Json.Serialization;

namespace Grid.WeCom.Api;

/// <summary>A member's consented sensitive fields (auth/getuserdetail). Fields not consented are absent or default.</summary>
public sealed record WeComUserDetail
{
    [JsonPropertyName("userid")]
    public required string UserId { get; init; }

    /// <summary>"0" unless the member consented, then "1" male or "2" female.</summary>
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Gender { get; init; }

    public string? Avatar { get; init; }

    public string? QrCode { get; init; }

    public string? Mobile { get; init; }

    public string? Email { get; init; }

    public string? BizMail { get; init; }

    public string? Address { get; init; }
}
