namespace Grid.Sync.Mapping;

internal sealed record LiteralNode(int Position, string Value) : ExpressionNode(Position);
