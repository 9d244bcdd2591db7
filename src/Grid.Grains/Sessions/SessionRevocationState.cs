using Grid.Abstractions.Sessions;

namespace Grid.Grains.Sessions;

/// <summary>Which segments make up a revocation list: <see cref="FirstSegment"/> to <see cref="CurrentSegment"/>.</summary>
[GenerateSerializer, Alias("grid.session-revocation-list-state")]
public sealed class SessionRevocationState
{
    /// <summary>The oldest segment not yet dropped.</summary>
    [Id(0)]
    public long FirstSegment { get; set; }

    /// <summary>The segment new revocations are appended to.</summary>
    [Id(1)]
    public long CurrentSegment { get; set; }
}

[GenerateSerializer, Alias("grid.session-revocation-segment-state")]
public sealed class SessionRevocationSegmentState
{
    /// <summary>The segment's revocations, oldest first.</summary>
    [Id(0)]
    public List<RevokedSession> Sessions { get; set; } = [];
}
