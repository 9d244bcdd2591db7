using System.Collections.Immutable;

namespace Grid.Sync.Mapping;

internal sealed record CallNode(int Position, string Function, ImmutableArray<ExpressionNode> Arguments) : ExpressionNode(Position);
