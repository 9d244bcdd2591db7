namespace Grid.Grains;

/// <summary>
/// The hash that places items in partition buckets (rosters, the sync roster): it must give the same bucket on every
/// silo and after every restart, which string.GetHashCode does not.
/// </summary>
internal static class StableHash
{
    /// <summary>FNV-1a over the UTF-16 code units.</summary>
    public static uint Of(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
