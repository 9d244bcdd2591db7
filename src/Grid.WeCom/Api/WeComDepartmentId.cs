using System.Text.Json.Serialization;

namespace Grid.WeCom.Api;

/// <summary>A department as returned by department/simplelist: ids and order only.</summary>
public sealed record WeComDepartmentId
{
    public required long Id { get; init; }

    [JsonPropertyName("parentid")]
    public long ParentId { get; init; }

    public long Order { get; init; }
}
