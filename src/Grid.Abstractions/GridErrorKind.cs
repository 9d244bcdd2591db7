namespace Grid.Abstractions;

/// <summary>
/// The kind of a <see cref="GridException"/>, chosen so that API adapters can map it to a status code
/// (e.g. gRPC INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, OUT_OF_RANGE) without parsing messages.
/// </summary>
[GenerateSerializer]
[Alias("grid.error-kind")]
public enum GridErrorKind
{
    /// <summary>The input is malformed; <see cref="GridException.Field"/> names the offending field.</summary>
    InvalidArgument = 1,

    /// <summary>The tenant, account, organization or connector does not exist.</summary>
    NotFound = 2,

    /// <summary>The object exists with different content, or a unique value is held by another account.</summary>
    Conflict = 3,

    /// <summary>The object is not in a state that allows the operation (e.g. deleting an organization with children).</summary>
    FailedPrecondition = 4,

    /// <summary>A resume token is older than the oldest retained entry of a log.</summary>
    ResumeTokenExpired = 5,
}
