namespace Grid.Sync.Mapping;

/// <summary>A mapping expression that cannot be parsed or compiled; the message reads "reason at position".</summary>
public sealed class MappingExpressionException : FormatException
{
    /// <summary>Creates the error.</summary>
    /// <param name="reason">What is wrong, e.g. "unknown function 'lowr'".</param>
    /// <param name="position">1-based character position in the expression text.</param>
    public MappingExpressionException(string reason, int position)
        : base($"{reason} at {position}")
    {
        Reason = reason;
        Position = position;
    }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    /// <summary>1-based character position in the expression text.</summary>
    public int Position { get; }
}
