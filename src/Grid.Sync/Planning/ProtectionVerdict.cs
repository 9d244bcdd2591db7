using System.Collections.Immutable;

namespace Grid.Sync.Planning;

/// <summary>Whether a plan may be applied without approval, and if not, every threshold it exceeds.</summary>
/// <param name="IsBlocked">True when at least one threshold is exceeded.</param>
/// <param name="Reasons">One sentence per exceeded threshold, e.g. "the plan deletes 31 accounts; the limit is 30".</param>
public sealed record ProtectionVerdict(bool IsBlocked, ImmutableArray<string> Reasons)
{
    /// <summary>Nothing exceeded.</summary>
    public static ProtectionVerdict Allowed { get; } = new(false, []);
}
