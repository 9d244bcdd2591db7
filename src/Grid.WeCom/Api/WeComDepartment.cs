using System.Text.Json.Serialization;

namespace Grid.WeCom.Api;

/// <summary>A department as returned by department/list and department/get.</summary>
public sealed record WeComDepartment
{
    public required long Id { get; init; }

    /// <summary>Absent for apps without permission to read names.</summary>
    public string? Name { get; init; }

    public string? NameEn { get; init; }

    /// <summary>User ids of the department's leaders.</summary>
    public IReadOnlyList<string>? DepartmentLeader { get; init; }

    /// <summary>The parent department; the root department (id 1) has parent 0.</summary>
    [JsonPropertyName("parentid")]
    public long ParentId { get; init; }

    /// <summary>Order within the parent; larger values sort first. Range [0, 2^32).</summary>
    public long Order { get; init; }
}
