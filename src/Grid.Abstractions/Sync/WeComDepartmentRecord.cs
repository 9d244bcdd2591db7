namespace Grid.Abstractions.Sync;

/// <summary>A WeCom department as a full sync last saw it, as persisted and sent.</summary>
/// <param name="Id">WeCom department id (the root is 1).</param>
/// <param name="ParentId">WeCom parent id (0 for the root).</param>
/// <param name="Name">Name.</param>
/// <param name="NameEn">English name, when returned.</param>
/// <param name="Order">Order within the parent (larger first).</param>
[GenerateSerializer, Immutable, Alias("grid.wecom-department-record")]
public sealed record WeComDepartmentRecord(
    [property: Id(0)] long Id,
    [property: Id(1)] long ParentId,
    [property: Id(2)] string Name,
    [property: Id(3)] string? NameEn,
    [property: Id(4)] long Order);
