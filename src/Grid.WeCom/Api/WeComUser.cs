using System.Text.Json.Serialization;

namespace Grid.WeCom.Api;

/// <summary>
/// A member as returned by user/get and user/list. Apps created after 2022-06-20 do not receive avatar, gender,
/// mobile, email, biz mail, QR code or address here; those come from auth/getuserdetail with the member's consent.
/// </summary>
public sealed record WeComUser
{
    [JsonPropertyName("userid")]
    public required string UserId { get; init; }

    public string? Name { get; init; }

    /// <summary>Departments the app may see.</summary>
    public IReadOnlyList<long>? Department { get; init; }

    /// <summary>Order within each department of <see cref="Department"/>.</summary>
    public IReadOnlyList<long>? Order { get; init; }

    public string? Position { get; init; }

    public string? Mobile { get; init; }

    /// <summary>"0" undefined or not available, "1" male, "2" female.</summary>
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Gender { get; init; }

    public string? Email { get; init; }

    public string? BizMail { get; init; }

    /// <summary>Per entry of <see cref="Department"/>: 1 if the member leads it.</summary>
    public IReadOnlyList<int>? IsLeaderInDept { get; init; }

    public IReadOnlyList<string>? DirectLeader { get; init; }

    public string? Avatar { get; init; }

    public string? ThumbAvatar { get; init; }

    public string? Telephone { get; init; }

    public string? Alias { get; init; }

    public string? Address { get; init; }

    [JsonPropertyName("open_userid")]
    public string? OpenUserId { get; init; }

    public long? MainDepartment { get; init; }

    [JsonPropertyName("extattr")]
    public WeComExtAttr? ExtAttr { get; init; }

    /// <summary>1 active, 2 disabled, 4 not yet activated, 5 left the company.</summary>
    public int? Status { get; init; }

    public string? QrCode { get; init; }

    public string? ExternalPosition { get; init; }
}
