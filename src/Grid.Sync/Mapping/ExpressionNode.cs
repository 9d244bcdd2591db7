namespace Grid.Sync.Mapping;

/// <summary>A node of a parsed mapping expression; <see cref="Position"/> is 1-based, for error messages.</summary>
internal abstract record ExpressionNode(int Position);
