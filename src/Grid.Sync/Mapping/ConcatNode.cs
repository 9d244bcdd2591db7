using System.Collections.Immutable;

namespace Grid.Sync.Mapping;

internal sealed record ConcatNode(int Position, ImmutableArray<ExpressionNode> Parts) : ExpressionNode(Position);
