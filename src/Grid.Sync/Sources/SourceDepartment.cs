namespace Grid.Sync.Sources;

/// <summary>A WeCom department as the snapshot saw it.</summary>
/// <param name="Id">WeCom department id; the root department is 1.</param>
/// <param name="ParentId">WeCom <c>parentid</c>; 0 for the root.</param>
/// <param name="Name">Department name.</param>
/// <param name="NameEn">English name, when WeCom returns one.</param>
/// <param name="Order">Order within the parent (larger first).</param>
public sealed record SourceDepartment(long Id, long ParentId, string Name, string? NameEn, long Order);
