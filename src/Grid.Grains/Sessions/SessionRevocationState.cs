using Grid.Abstractions.Sessions;

namespace Grid.Grains.Sessions;

[GenerateSerializer, Alias("grid.session-revocation-state")]
public sealed class SessionRevocationState
{
    /// <summary>Increases with every change of <see cref="Sessions"/>.</summary>
    [Id(0)]
    public long Version { get; set; }

    /// <summary>The revocations still in force (expired ones are dropped at the next change).</summary>
    [Id(1)]
    public List<RevokedSession> Sessions { get; set; } = [];
}
