using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Abstractions.Directory;

/// <summary>
/// A platform account, key <c>{tenant}/{accountId}</c> (see <see cref="GridKeys.Account"/>). The account id is ours and
/// never changes. Every write is one coarse call and one state write: unique values (username, email, mobile,
/// external ids) are claimed in <see cref="IUniqueIndexGrain"/>s before the state is written and released after;
/// organization rosters and the tenant's change feed are updated from an outbox kept in the same state, so nothing
/// is lost if the silo dies between the write and those updates. A refused call changes nothing.
/// </summary>
/// <remarks>Errors: <see cref="GridException"/> with kind NotFound (unknown tenant, account or organization),
/// InvalidArgument (field named), Conflict (a unique value held by another account, or a create with different
/// content) or FailedPrecondition (version mismatch).</remarks>
[Alias("grid.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the account. Idempotent: repeating the same spec returns the account; a different spec for an existing
    /// account is a Conflict.
    /// </summary>
    [Alias("Create")]
    Task<AccountView> Create(AccountSpec spec);

    /// <summary>Applies a whole change (profile, status, organizations, external ids) in one write.</summary>
    [Alias("Apply")]
    Task<AccountView> Apply(AccountChange change);

    /// <summary>Replaces the profile (shorthand for <see cref="Apply"/> with a profile only).</summary>
    [Alias("Update")]
    Task<AccountView> Update(AccountProfile profile);

    /// <summary>Sets the status; <see cref="AccountStatus.Deleted"/> is the same as <see cref="Delete"/>.</summary>
    [Alias("SetStatus")]
    Task<AccountView> SetStatus(AccountStatus status);

    /// <summary>Replaces the set of organizations the account belongs to.</summary>
    [Alias("SetOrganizations")]
    Task<AccountView> SetOrganizations(ImmutableArray<string> organizationIds);

    /// <summary>
    /// Removes one organization from the account's memberships, if present (used when an organization is deleted
    /// with <c>force</c>). Returns null when the account does not exist.
    /// </summary>
    [Alias("LeaveOrganization")]
    Task<AccountView?> LeaveOrganization(string organizationId);

    /// <summary>The account, or null when it was never created. A deleted account is returned with status Deleted.</summary>
    [Alias("Get")]
    Task<AccountView?> Get();

    /// <summary>
    /// The account's status, or null when it was never created; answered at once, even while a change of the
    /// account is under way (a session grain asks it while the account may be revoking that very session's sign-ins).
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<AccountStatus?> GetStatus();

    /// <summary>
    /// Soft-deletes: the record stays with status Deleted, its unique values are released and it leaves every
    /// organization roster. Idempotent; an unknown account is NotFound.
    /// </summary>
    [Alias("Delete")]
    Task<AccountView> Delete();

    /// <summary>
    /// Sets the password (hashed with ASP.NET Core Identity's PasswordHasher, the hash sealed at rest).
    /// Password policy beyond 1..256 characters belongs to the caller.
    /// </summary>
    [Alias("SetPassword")]
    Task SetPassword(string password);

    /// <summary>
    /// Whether <paramref name="password"/> matches. False when no password is set or the account is deleted.
    /// Does not look at other statuses: the caller decides whether a Disabled account may sign in (it may not).
    /// </summary>
    [Alias("VerifyPassword")]
    Task<bool> VerifyPassword(string password);

    /// <summary>
    /// Records that a personal email was proposed for this account (called by <see cref="Sessions.IPersonalEmailGrain"/>
    /// before it stores one), so that <see cref="AccountView.HasNoPersonalEmail"/> no longer lets readers skip it. Not a
    /// visible change: no new version.
    /// </summary>
    [Alias("NotePersonalEmailProposed")]
    Task NotePersonalEmailProposed();

    /// <summary>
    /// Whether this account currently uses (or is in the middle of claiming) the normalized unique value. Called by
    /// <see cref="IUniqueIndexGrain"/> to take back claims left behind by a failed write; runs interleaved.
    /// </summary>
    [AlwaysInterleave]
    [Alias("UsesUniqueValue")]
    Task<bool> UsesUniqueValue(UniqueField field, string normalizedValue);
}
