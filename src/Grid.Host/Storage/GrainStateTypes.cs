namespace Grid.Host.Storage;

/// <summary>One grain's state: its state name and its full grain id ("type/key").</summary>
internal readonly record struct GrainStateKey(string StateName, string GrainId);

/// <summary>A stored row: its version (the ETag) and its payload, null after a clear.</summary>
internal sealed record StoredGrainState(int Version, byte[]? Payload);

/// <summary>A write (a payload) or a clear (none), at the version the grain expects (null: no row yet).</summary>
internal readonly record struct GrainStateWrite(string StateName, string GrainId, int? ExpectedVersion, byte[]? Payload)
{
    public GrainStateKey Key => new(StateName, GrainId);
}
