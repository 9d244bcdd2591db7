namespace Grid.Abstractions.Sessions;

/// <summary>
/// The password checks of one account, key <c>{tenant}/{accountId}</c> (or of a login naming none, see
/// <see cref="RejectUnknown"/>): it verifies passwords through the account and
/// counts failures, locking the account's password sign-in for a while after too many in a window (durably, for the
/// whole cluster). One grain per account serializes the attempts, so parallel guesses are counted, not raced.
/// </summary>
[Alias("grid.IPasswordSignInGrain")]
public interface IPasswordSignInGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks <paramref name="password"/> unless the account is locked. A failure counts towards the lockout; a success
    /// clears the count. Does not look at the account's status (the caller does).
    /// </summary>
    [Alias("Verify")]
    Task<PasswordCheck> Verify(string password);

    /// <summary>
    /// The check of a login that names no account (key <see cref="GridKeys.UnknownLogin"/>): it spends the time of a
    /// password check and counts the failure as <see cref="Verify"/> counts a wrong password, so that an unknown login
    /// is answered and locked exactly as a known one. Never <see cref="PasswordCheckOutcome.Accepted"/>.
    /// </summary>
    [Alias("RejectUnknown")]
    Task<PasswordCheck> RejectUnknown(string password);

    /// <summary>Forgets the failures and lifts a lockout (the user proved who they are another way: a reset).</summary>
    [Alias("Clear")]
    Task Clear();
}

/// <summary>The outcome of a password check.</summary>
[GenerateSerializer]
[Alias("grid.password-check-outcome")]
public enum PasswordCheckOutcome
{
    /// <summary>The password matches.</summary>
    Accepted = 1,

    /// <summary>The password does not match (or none is set).</summary>
    Rejected = 2,

    /// <summary>Too many failures: not checked; try again after <see cref="PasswordCheck.RetryAfter"/>.</summary>
    Locked = 3,
}

/// <summary>A password check's outcome; <see cref="RetryAfter"/> is how long a lockout still lasts (zero otherwise).</summary>
[GenerateSerializer, Immutable]
[Alias("grid.password-check")]
public sealed record PasswordCheck(
    [property: Id(0)] PasswordCheckOutcome Outcome,
    [property: Id(1)] TimeSpan RetryAfter);
