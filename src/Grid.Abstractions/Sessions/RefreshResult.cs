namespace Grid.Abstractions.Sessions;

/// <summary>Why a refresh was refused. The API tells callers none of this (one message for all); logs and tests do.</summary>
[GenerateSerializer]
[Alias("grid.refresh-refusal")]
public enum RefreshRefusal
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>No such session, or a token that was never this session's.</summary>
    Invalid = 1,

    /// <summary>A token that was already rotated: the session is revoked now.</summary>
    Reused = 2,

    /// <summary>The session was revoked before.</summary>
    Revoked = 3,

    /// <summary>The session's lifetime or idle timeout has passed.</summary>
    Expired = 4,

    /// <summary>The account is no longer active (disabled, not activated, deleted): the session is revoked now.</summary>
    AccountInactive = 5,
}

/// <summary>The outcome of <see cref="ISessionGrain.Refresh"/>: a new grant, or why there is none.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.refresh-result")]
public sealed record RefreshResult(
    [property: Id(0)] SessionGrant? Grant,
    [property: Id(1)] RefreshRefusal Refusal)
{
    public static RefreshResult Refused(RefreshRefusal refusal) => new(null, refusal);
}
