namespace Grid.Abstractions;

/// <summary>
/// The one error type that Grid grains throw for a refused request. It crosses grain calls intact (kind, field and
/// message), so callers and API adapters can react to <see cref="Kind"/> and show <see cref="Exception.Message"/>
/// to humans. A refused request changes nothing.
/// </summary>
[GenerateSerializer]
[Alias("grid.error")]
public sealed class GridException : Exception
{
    public GridException()
        : this(GridErrorKind.FailedPrecondition, "The request was refused.")
    {
    }

    public GridException(string message)
        : this(GridErrorKind.FailedPrecondition, message)
    {
    }

    public GridException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = GridErrorKind.FailedPrecondition;
    }

    public GridException(GridErrorKind kind, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Field = field;
    }

    /// <summary>What kind of refusal this is.</summary>
    [Id(0)]
    public GridErrorKind Kind { get; private set; }

    /// <summary>The input field concerned (snake_case, e.g. <c>corp_id</c> or <c>email</c>), when one is.</summary>
    [Id(1)]
    public string? Field { get; private set; }

    /// <summary>An invalid argument; the message starts with the field name (e.g. "corp_id: required").</summary>
    public static GridException Invalid(string field, string problem) =>
        new(GridErrorKind.InvalidArgument, $"{field}: {problem}", field);

    /// <summary>An unknown object.</summary>
    public static GridException NotFound(string message) => new(GridErrorKind.NotFound, message);

    /// <summary>A conflict with existing content, optionally about one field.</summary>
    public static GridException Conflict(string message, string? field = null) =>
        new(GridErrorKind.Conflict, message, field);

    /// <summary>An operation the current state does not allow.</summary>
    public static GridException Precondition(string message) => new(GridErrorKind.FailedPrecondition, message);

    /// <summary>The tenant is not known; every API but tenant creation refuses it.</summary>
    public static GridException UnknownTenant(string tenantId) =>
        new(GridErrorKind.NotFound, $"tenant '{tenantId}' does not exist", "tenant_id");
}
