using System.Collections.Immutable;

namespace Grid.Abstractions.Connectors;

/// <summary>The field mappings of a connector: member → account and department → organization.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.connector-field-mappings")]
public sealed record ConnectorFieldMappings(
    ImmutableArray<FieldMapping> Account,
    ImmutableArray<FieldMapping> Organization)
{
    /// <summary>No mappings (the sync's built-in defaults apply).</summary>
    public static ConnectorFieldMappings Empty { get; } = new([], []);

    public bool Equals(ConnectorFieldMappings? other) =>
        other is not null
        && OrEmpty(Account).SequenceEqual(OrEmpty(other.Account))
        && OrEmpty(Organization).SequenceEqual(OrEmpty(other.Organization));

    public override int GetHashCode() =>
        HashCode.Combine(OrEmpty(Account).Length, OrEmpty(Organization).Length);

    private static ImmutableArray<FieldMapping> OrEmpty(ImmutableArray<FieldMapping> mappings) =>
        mappings.IsDefault ? [] : mappings;
}
