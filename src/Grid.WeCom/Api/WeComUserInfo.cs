using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Grid.WeCom.Api;

/// <summary>
/// The identity behind a login code (auth/getuserinfo): a member (<see cref="UserId"/>, plus
/// <see cref="UserTicket"/> under snsapi_privateinfo) or a non-member (<see cref="OpenId"/>).
/// </summary>
public sealed record WeComUserInfo
{
    /// <summary>The member's user id; <c>CorpId/userid</c> for members of linked corps.</summary>
    [JsonPropertyName("userid")]
    public string? UserId { get; init; }

    /// <summary>Ticket for auth/getuserdetail, valid 1800 s; only with snsapi_privateinfo and consent.</summary>
    public string? UserTicket { get; init; }

    /// <summary>Ticket lifetime in seconds, when WeCom states it.</summary>
    public int? ExpiresIn { get; init; }

    /// <summary>Identifies a non-member, unique within the corp.</summary>
    [JsonPropertyName("openid")]
    public string? OpenId { get; init; }

    /// <summary>For a non-member who is a customer of the corp.</summary>
    [JsonPropertyName("external_userid")]
    public string? ExternalUserId { get; init; }

    /// <summary>Whether the code belonged to a member of the corp.</summary>
    [JsonIgnore]
    [MemberNotNullWhen(true, nameof(UserId))]
    public bool IsMember => !string.IsNullOrEmpty(UserId);
}
