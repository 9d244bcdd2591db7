using System.Text.Json.Serialization;

namespace Grid.WeCom.Api;

/// <summary>One row of user/list_id: a member in one department (a member in n departments gives n rows).</summary>
public sealed record DeptUser
{
    [JsonPropertyName("userid")]
    public required string UserId { get; init; }

    public long Department { get; init; }
}
