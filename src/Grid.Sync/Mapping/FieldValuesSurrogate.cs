namespace Grid.Sync.Mapping;

/// <summary>The wire and storage form of <see cref="FieldValues"/>: the names in ordinal order and their values.</summary>
/// <param name="Names">The field names, ordered.</param>
/// <param name="Values">The values, aligned with <paramref name="Names"/>.</param>
[GenerateSerializer, Immutable, Alias("grid.sync.field-values")]
public readonly record struct FieldValuesSurrogate([property: Id(0)] string[] Names, [property: Id(1)] string[] Values);
