namespace Grid.Sync.Mapping;

/// <summary>A source field; <see cref="Attribute"/> is the name after the dot in <c>extattr.NAME</c>.</summary>
internal sealed record FieldNode(int Position, string Field, string? Attribute) : ExpressionNode(Position)
{
    public string DisplayName => Attribute is null ? Field : $"{Field}.{Attribute}";
}
