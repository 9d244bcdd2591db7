using System.Globalization;

namespace Grid.Abstractions.Sync;

/// <summary>A 128-bit content hash of a WeCom member or department (or of mapped field values), as persisted.</summary>
[GenerateSerializer, Immutable, Alias("grid.sync-hash")]
public readonly record struct SyncHash(
    [property: Id(0)] ulong High,
    [property: Id(1)] ulong Low)
{
    /// <summary>32 lower-case hex digits.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{High:x16}{Low:x16}");
}
