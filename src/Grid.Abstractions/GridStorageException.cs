namespace Grid.Abstractions;

/// <summary>
/// Grain state could not be read or written: the database refused or could not be reached, and the storage's own
/// retries did not help. Serializable by Orleans, so that it reaches a caller on another silo intact (the driver's own
/// exceptions are not). Carries the SQLSTATE when the server gave one, and a message without payloads or secrets.
/// </summary>
[GenerateSerializer]
[Alias("grid.storage-error")]
public sealed class GridStorageException : Exception
{
    public GridStorageException()
        : this("Grain storage failed.")
    {
    }

    public GridStorageException(string message)
        : base(message)
    {
    }

    public GridStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GridStorageException(string message, string? sqlState, int attempts, bool isTransient)
        : base(message)
    {
        SqlState = sqlState;
        Attempts = attempts;
        IsTransient = isTransient;
    }

    /// <summary>The PostgreSQL error code (e.g. 53300 too_many_connections), or null when no server answered.</summary>
    [Id(0)]
    public string? SqlState { get; private set; }

    /// <summary>How many times the statement was sent.</summary>
    [Id(1)]
    public int Attempts { get; private set; }

    /// <summary>The last refusal was a passing one (overload, start-up, connection): a later retry may succeed.</summary>
    [Id(2)]
    public bool IsTransient { get; private set; }
}
