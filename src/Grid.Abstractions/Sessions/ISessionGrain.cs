namespace Grid.Abstractions.Sessions;

/// <summary>
/// One end-user sign-in session, key <c>{tenant}/{sessionId}</c> (see <see cref="SessionKeys.Session"/>): the account,
/// how it signed in, when, until when, and the hash of the one refresh token that currently continues it. Refresh
/// tokens rotate on every use; presenting a rotated one again means it was copied, and revokes the session. A revoked
/// session is announced to every silo through <see cref="ISessionRevocationGrain"/>, so that its access tokens stop
/// validating at once.
/// </summary>
[Alias("grid.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the session for an active account of the tenant and returns its first refresh token. A session opens
    /// once: opening it again is a Conflict. An unknown tenant or account is NotFound; an inactive account is
    /// FailedPrecondition.
    /// </summary>
    [Alias("Open")]
    Task<SessionGrant> Open(SessionOpening opening);

    /// <summary>
    /// Exchanges the current refresh token's secret for the next one (rotation). Any refusal changes nothing except
    /// <see cref="RefreshRefusal.Reused"/> and <see cref="RefreshRefusal.AccountInactive"/>, which revoke the session.
    /// </summary>
    [Alias("Refresh")]
    Task<RefreshResult> Refresh(string secret);

    /// <summary>
    /// Revokes the session (idempotent) and returns once every silo has been told, or has been given up on and will
    /// catch up by its own re-sync. Null when the session never existed.
    /// </summary>
    [Alias("Revoke")]
    Task<SessionView?> Revoke();

    /// <summary>
    /// Ends the session because its account opened more sessions than it may hold (idempotent; nothing when it never
    /// existed or is revoked already): its refresh token is refused from now on, but the revocation is not announced,
    /// so its last access token lives out its lifetime unless <see cref="Revoke"/> follows (which announces it).
    /// </summary>
    [Alias("Evict")]
    Task Evict();

    /// <summary>The session, or null when it never existed.</summary>
    [Alias("Get")]
    Task<SessionView?> Get();
}
