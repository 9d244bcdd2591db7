namespace Grid.Abstractions.Sessions;

/// <summary>
/// The sessions an account has opened and that may still be live, key <c>{tenant}/{accountId}</c> (as the
/// account's). Every session registers here before it opens; when the account's password is set or reset, or the
/// account stops being active (disabled, departed, not activated), every one of them is revoked, so that its refresh
/// token stops working and its access tokens stop validating on every silo at once rather than at their expiry.
/// </summary>
[Alias("grid.IAccountSessionsGrain")]
public interface IAccountSessionsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers a session that is opening and lasts at most until <paramref name="expiresAt"/>. Sessions past their
    /// lifetime are forgotten; beyond the most an account may hold, the oldest is revoked.
    /// </summary>
    [Alias("Add")]
    Task Add(string sessionId, DateTimeOffset expiresAt);

    /// <summary>
    /// Revokes every registered session (each announced to every silo before this returns) and returns how many.
    /// A session whose revocation failed stays registered, so that the next call tries it again.
    /// </summary>
    [Alias("RevokeAll")]
    Task<int> RevokeAll();
}
