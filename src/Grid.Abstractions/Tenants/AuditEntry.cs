namespace Grid.Abstractions.Tenants;

/// <summary>
/// One administrative action: who (<see cref="Actor"/>), what (<see cref="Action"/>, e.g. <c>wecom.configure</c>),
/// on what (<see cref="Target"/>, e.g. <c>connector/main</c>) and a human summary. Never holds secrets.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.audit-entry")]
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Target,
    string Summary) : ILogEntry<AuditEntry>
{
    /// <inheritdoc />
    public AuditEntry WithSequence(long sequence) => this with { Sequence = sequence };
}
