namespace Grid.Abstractions.Sessions;

/// <summary>
/// The personal email of an account that has none from WeCom, key <c>{tenant}/{accountId}</c> (see
/// <see cref="GridKeys.Account"/>): given by the member, unverified until they confirm it with the one-time token Grid
/// mails to it. A token is bound to this account and the address it was issued for, short-lived, accepted once, and
/// kept only as a hash; issuing one for a new address replaces the address (unverified again) and voids the old token.
/// </summary>
[Alias("grid.IPersonalEmailGrain")]
public interface IPersonalEmailGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records <paramref name="address"/> (checked by the caller) as the account's unverified personal email and
    /// returns a new confirmation token to mail to it.
    /// </summary>
    [Alias("Propose")]
    Task<PersonalEmailToken> Propose(string address);

    /// <summary>Checks a token; an accepted one marks the address verified and is spent. A refused one changes nothing.</summary>
    [Alias("Confirm")]
    Task<PersonalEmailCheck> Confirm(string token);

    /// <summary>The personal email, or null when none was given.</summary>
    [Alias("Get")]
    Task<PersonalEmail?> Get();
}

/// <summary>A confirmation token to mail to <see cref="Address"/> (in clear only here), valid until <see cref="ExpiresAt"/>.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.personal-email-token")]
public sealed record PersonalEmailToken(
    [property: Id(0)] string Address,
    [property: Id(1)] string Token,
    [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>A personal email and whether its owner confirmed it.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.personal-email")]
public sealed record PersonalEmail(
    [property: Id(0)] string Address,
    [property: Id(1)] bool Verified,
    [property: Id(2)] DateTimeOffset? VerifiedAt);

/// <summary>The outcome of presenting a confirmation token.</summary>
[GenerateSerializer]
[Alias("grid.personal-email-check")]
public enum PersonalEmailCheck
{
    /// <summary>The token is the current one: the address is now verified.</summary>
    Confirmed = 1,

    /// <summary>The token was the current one but its lifetime has passed.</summary>
    Expired = 2,

    /// <summary>The token was already accepted once.</summary>
    AlreadyUsed = 3,

    /// <summary>Not a token of this account's current address (forged, altered, or replaced by a newer one).</summary>
    Rejected = 4,
}
