namespace Grid.Abstractions.Tenants;

/// <summary>An entry of a tenant log: the log assigns <see cref="Sequence"/> when it appends.</summary>
public interface ILogEntry<out TEntry>
{
    /// <summary>The position in the log (1, 2, 3, ...); 0 before the log assigned it.</summary>
    long Sequence { get; }

    /// <summary>When the change happened.</summary>
    DateTimeOffset At { get; }

    /// <summary>A copy with the sequence set.</summary>
    TEntry WithSequence(long sequence);
}
