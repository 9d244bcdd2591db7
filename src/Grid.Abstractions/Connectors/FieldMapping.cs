namespace Grid.Abstractions.Connectors;

/// <summary>
/// One field mapping: the target field (e.g. <c>display_name</c>) gets the value of <see cref="Expression"/>,
/// evaluated over a WeCom member or department (expression syntax: Grid.Sync's field-mapping language).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.field-mapping")]
public sealed record FieldMapping(string Target, string Expression);
