using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Grains.Secrets;
using Grid.Grains.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Grid.Grains.Directory;

public sealed partial class AccountGrain(
    [PersistentState("account", "grid")] IPersistentState<AccountState> state,
    DeepCopier<AccountState> copier,
    ISecretSealer sealer,
    IPasswordHasher<PasswordSubject> hasher,
    PasswordDecoy decoy,
    TimeProvider time,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private readonly IPersistentState<AccountState> _state = state;
    private readonly DeepCopier<AccountState> _copier = copier;
    private readonly ISecretSealer _sealer = sealer;
    private readonly IPasswordHasher<PasswordSubject> _hasher = hasher;
    private readonly PasswordDecoy _decoy = decoy;
    private readonly TimeProvider _time = time;
    private readonly ILogger<AccountGrain> _logger = logger;
    private HashSet<UniqueClaim> _claiming = [];
    private DirectoryRecord<AccountState, AccountOutbox> _record = null!;
    private string _accountId = "";

    private AccountState Current => _state.State;

    private bool IsLive => Current.Exists && Current.Status != AccountStatus.Deleted;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenantId, accountId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        _accountId = accountId;
        _record = new(this, _state, _copier, GrainFactory, tenantId, _time, Entry, DeliverAsync,
            ex => LogOutboxFlushFailed(_logger, ex, this.GetPrimaryKeyString()),
            ex => LogOutboxClearFailed(_logger, ex, _state.State.Version, this.GetPrimaryKeyString()));
        _record.Activate();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _record.PersistEmptiedAsync(cancellationToken);

    private TenantGuard Tenant => _record.Tenant;

    private IAccountSessionsGrain Sessions => GrainFactory.GetGrain<IAccountSessionsGrain>(this.GetPrimaryKeyString());

    public async Task<AccountView> Create(AccountSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        GridKeys.ValidateId(_accountId, "account_id");
        var profile = AccountValidation.Profile(spec.Profile);
        var organizations = AccountValidation.Organizations(spec.OrganizationIds);
        var externalIds = AccountValidation.ExternalIds(spec.ExternalIds);
        var draft = new AccountDraft(profile, AccountValidation.CreateStatus(spec.Status), organizations, externalIds);

        if (Current.Exists)
        {
            if (Current.Status != AccountStatus.Deleted && draft.Equals(AccountDraft.Of(Current)))
            {
                await _record.FlushAsync();
                return View();
            }

            throw GridException.Conflict(
                Current.Status == AccountStatus.Deleted
                    ? $"account {_accountId} exists and is deleted; restore it with a status change instead"
                    : $"account {_accountId} already exists with different content",
                "account_id");
        }

        await Tenant.EnsureExistsAsync();
        return await CommitAsync(draft, ChangeKinds.Created);
    }

    public async Task<AccountView> Apply(AccountChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        EnsureExists();
        if (change.ExpectedVersion is { } expected && expected != Current.Version)
        {
            throw GridException.Precondition(string.Create(
                CultureInfo.InvariantCulture,
                $"account {_accountId} is at version {Current.Version}, not {expected}"));
        }

        var current = AccountDraft.Of(Current);
        var draft = new AccountDraft(
            change.Profile is null ? current.Profile : AccountValidation.Profile(change.Profile),
            AccountValidation.Status(change.Status ?? current.Status),
            change.OrganizationIds is { } organizations ? AccountValidation.Organizations(organizations) : current.OrganizationIds,
            change.ExternalIds is { } externalIds ? AccountValidation.ExternalIds(externalIds) : current.ExternalIds);

        var kinds = ChangeKinds.None;
        if (!draft.Profile.Equals(current.Profile))
        {
            kinds |= ChangeKinds.Updated;
        }

        if (draft.Status != current.Status)
        {
            kinds |= draft.Status == AccountStatus.Deleted ? ChangeKinds.Deleted : ChangeKinds.StatusChanged;
        }

        if (!draft.OrganizationIds.SequenceEqual(current.OrganizationIds))
        {
            kinds |= ChangeKinds.Moved;
        }

        if (!draft.ExternalIds.ToHashSet().SetEquals(current.ExternalIds))
        {
            kinds |= ChangeKinds.Rebound;
        }

        if (kinds == ChangeKinds.None)
        {
            await _record.FlushAsync();
            return View();
        }

        if (current.Status == AccountStatus.Deleted && draft.Status == AccountStatus.Deleted)
        {
            throw GridException.Precondition($"account {_accountId} is deleted; restore it with a status first");
        }

        var view = await CommitAsync(draft, kinds);
        if (current.Status == AccountStatus.Active && draft.Status != AccountStatus.Active)
        {
            // An account that may no longer sign in loses its sessions now, not when their tokens expire.
            await Sessions.RevokeAll();
        }

        return view;
    }

    public Task<AccountView> Update(AccountProfile profile) => Apply(new AccountChange(Profile: profile));

    public Task<AccountView> SetStatus(AccountStatus status) => Apply(new AccountChange(Status: status));

    public Task<AccountView> SetOrganizations(ImmutableArray<string> organizationIds) =>
        Apply(new AccountChange(OrganizationIds: organizationIds));

    public async Task<AccountView?> LeaveOrganization(string organizationId)
    {
        if (!Current.Exists)
        {
            return null;
        }

        if (!Current.OrganizationIds.Contains(organizationId))
        {
            return View();
        }

        return await Apply(new AccountChange(
            OrganizationIds: [.. Current.OrganizationIds.Where(id => id != organizationId)]));
    }

    public Task<AccountView?> Get() => Task.FromResult(Current.Exists ? View() : null);

    public Task<AccountStatus?> GetStatus() => Task.FromResult(Current.Exists ? Current.Status : (AccountStatus?)null);

    public Task<AccountView> Delete() => Apply(new AccountChange(Status: AccountStatus.Deleted));

    public async Task SetPassword(string password)
    {
        EnsureExists();
        if (!IsLive)
        {
            throw GridException.Precondition($"account {_accountId} is deleted");
        }

        if (string.IsNullOrEmpty(password) || password.Length > 256)
        {
            throw GridException.Invalid("password", "must be 1..256 characters");
        }

        var next = _record.Copy();
        next.SealedPasswordHash = Seal(_hasher.HashPassword(PasswordSubject.Instance, password));
        await _record.CommitAsync(next, ChangeKinds.Updated);

        // Whoever held the old password may hold a session opened with it.
        await Sessions.RevokeAll();
    }

    public async Task<bool> VerifyPassword(string password)
    {
        if (!IsLive || Current.SealedPasswordHash is null || string.IsNullOrEmpty(password))
        {
            _decoy.Verify(password);
            return false;
        }

        var hash = _sealer.Unseal(Current.SealedPasswordHash, SealContext);
        var result = _hasher.VerifyHashedPassword(PasswordSubject.Instance, hash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return false;
        }

        var rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        if (rehash || !_sealer.IsSealedWithCurrentKey(Current.SealedPasswordHash))
        {
            // Same password, stronger hash or current master key; not a visible change, so no new version.
            var next = _record.Copy();
            next.SealedPasswordHash = Seal(rehash ? _hasher.HashPassword(PasswordSubject.Instance, password) : hash);
            await _record.WriteAsync(next);
        }

        return true;
    }

    public async Task NotePersonalEmailProposed()
    {
        // An account that does not exist has no address to show: nothing to note.
        if (Current.Exists && Current.PersonalEmailProposed != true)
        {
            // Not a visible change of the account, so no new version.
            var next = _record.Copy();
            next.PersonalEmailProposed = true;
            await _record.WriteAsync(next);
        }
    }

    public Task<bool> UsesUniqueValue(UniqueField field, string normalizedValue)
    {
        var claim = new UniqueClaim(field, normalizedValue);
        return Task.FromResult(_claiming.Contains(claim) || AccountDraft.Of(Current).Held(Current.Exists).Contains(claim));
    }

    private string SealContext => "account-password:" + this.GetPrimaryKeyString();

    private string Seal(string hash) => _sealer.Seal(hash, SealContext);

    private void EnsureExists()
    {
        if (!Current.Exists)
        {
            throw GridException.NotFound($"account '{_accountId}' does not exist in tenant '{Tenant.TenantId}'");
        }
    }

    private async Task<AccountView> CommitAsync(AccountDraft draft, ChangeKinds kinds)
    {
        var wasLive = IsLive;
        var isLive = draft.Status != AccountStatus.Deleted;
        var oldHeld = AccountDraft.Of(Current).Held(Current.Exists);
        var newHeld = draft.Held(true);
        var toClaim = newHeld.Except(oldHeld).ToList();
        var toRelease = oldHeld.Except(newHeld).ToList();
        var oldOrganizations = wasLive ? Current.OrganizationIds : [];
        var newOrganizations = isLive ? draft.OrganizationIds.ToList() : [];
        var addedOrganizations = newOrganizations.Except(oldOrganizations).ToList();

        _claiming = [.. toClaim];
        var claimed = new List<UniqueClaim>();
        try
        {
            await ClaimAndCheckAsync(toClaim, addedOrganizations, claimed);

            var next = _record.Copy();
            if (!Current.Exists)
            {
                next.PersonalEmailProposed = false;
            }

            next.Profile = draft.Profile;
            next.Status = draft.Status;
            next.OrganizationIds = [.. draft.OrganizationIds];
            next.ExternalIds = [.. draft.ExternalIds];
            var outbox = next.Outbox;
            outbox.Rosters = [.. outbox.Rosters.Union(oldOrganizations.Except(newOrganizations)).Union(addedOrganizations)];
            outbox.Catalog |= wasLive != isLive;
            outbox.Releases = [.. outbox.Releases.Union(toRelease)];
            await _record.SaveAsync(next, kinds);
        }
        catch
        {
            await ReleaseQuietlyAsync(claimed);
            throw;
        }
        finally
        {
            _claiming = [];
        }

        await _record.FlushAsync();
        return View();
    }

    private async Task ClaimAndCheckAsync(List<UniqueClaim> toClaim, List<string> addedOrganizations, List<UniqueClaim> claimed)
    {
        var tenantId = Tenant.TenantId;
        var claims = toClaim.Select(c => (Claim: c, Task: Index(c).Claim(_accountId))).ToList();
        var organizations = addedOrganizations
            .Select(id => (Id: id, Task: GrainFactory.GetGrain<IOrganizationGrain>(GridKeys.Organization(tenantId, id)).Get()))
            .ToList();
        try
        {
            await Task.WhenAll(claims.Select(c => (Task)c.Task).Concat(organizations.Select(o => o.Task)));
        }
        catch
        {
            // Keep the claims that did succeed, so the caller can release them.
            claimed.AddRange(claims.Where(c => c.Task.IsCompletedSuccessfully && c.Task.Result).Select(c => c.Claim));
            throw;
        }

        claimed.AddRange(claims.Where(c => c.Task.Result).Select(c => c.Claim));
        foreach (var (claim, task) in claims)
        {
            if (!task.Result)
            {
                var holder = await Index(claim).Get();
                var field = UniqueValues.FieldName(claim.Field);
                throw GridException.Conflict($"{field} '{claim.Value}' is already used by account {holder}", field);
            }
        }

        foreach (var (id, task) in organizations)
        {
            if (task.Result is null || task.Result.IsDeleted)
            {
                throw new GridException(
                    GridErrorKind.NotFound,
                    $"organization '{id}' does not exist in tenant '{tenantId}'",
                    "organization_ids");
            }
        }
    }

    private async Task ReleaseQuietlyAsync(List<UniqueClaim> claims)
    {
        try
        {
            await Task.WhenAll(claims.Select(c => Index(c).Release(_accountId)));
        }
        catch (Exception ex)
        {
            // A claim left behind is taken back by the index when someone else claims the value.
            LogReleaseFailed(_logger, ex, this.GetPrimaryKeyString());
        }
    }

    private Task DeliverAsync(AccountOutbox outbox)
    {
        var tenantId = Tenant.TenantId;
        var live = IsLive;
        var held = AccountDraft.Of(Current).Held(Current.Exists);
        var work = new List<Task>();
        foreach (var organizationId in outbox.Rosters)
        {
            var roster = Rosters.Partition(GrainFactory, tenantId, Rosters.Members(organizationId), _accountId);
            work.Add(live && Current.OrganizationIds.Contains(organizationId)
                ? roster.Add(_accountId)
                : roster.Remove(_accountId));
        }

        if (outbox.Catalog)
        {
            var catalog = Rosters.Partition(GrainFactory, tenantId, Rosters.AccountCatalog, _accountId);
            work.Add(live ? catalog.Add(_accountId) : catalog.Remove(_accountId));
        }

        work.AddRange(outbox.Releases.Where(c => !held.Contains(c)).Select(c => Index(c).Release(_accountId)));
        return Task.WhenAll(work);
    }

    private IUniqueIndexGrain Index(UniqueClaim claim) =>
        GrainFactory.GetGrain<IUniqueIndexGrain>(
            GridKeys.UniqueIndexForNormalized(Tenant.TenantId, claim.Field, claim.Value));

    private ChangeEntry Entry(AccountState state, ChangeKinds kinds) =>
        new(0, state.UpdatedAt, DirectoryObjectKind.Account, _accountId, state.Version, kinds, View(state), null);

    private AccountView View() => View(Current);

    private AccountView View(AccountState state) => state.ToView(Tenant.TenantId, _accountId);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning,
        Message = "Account {Key}: outbox not flushed yet (rosters, index releases or change feed); retrying")]
    private static partial void LogOutboxFlushFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Warning,
        Message = "Account {Key}: could not persist the emptied outbox at version {Version} (entries may be replayed once)")]
    private static partial void LogOutboxClearFailed(ILogger logger, Exception exception, long version, string key);

    [LoggerMessage(EventId = 4032, Level = LogLevel.Warning, Message = "Account {Key}: releasing unique claims after a refused change failed")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string key);
}
