using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Secrets;
using Grid.Grains.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Directory;

public sealed partial class AccountGrain : Grain, IAccountGrain
{
    private const int MaxOrganizations = 200;
    private const int MaxExternalIds = 16;

    private readonly IPersistentState<AccountState> _state;
    private readonly ISecretSealer _sealer;
    private readonly IPasswordHasher<PasswordSubject> _hasher;
    private readonly TimeProvider _time;
    private readonly ILogger<AccountGrain> _logger;
    private HashSet<UniqueClaim> _claiming = [];
    private OutboxRelay<AccountState, AccountOutbox> _outbox = null!;
    private TenantGuard _tenant = null!;
    private string _accountId = "";

    public AccountGrain(
        [PersistentState("account", "grid")] IPersistentState<AccountState> state,
        ISecretSealer sealer,
        IPasswordHasher<PasswordSubject> hasher,
        TimeProvider time,
        ILogger<AccountGrain> logger)
    {
        _state = state;
        _sealer = sealer;
        _hasher = hasher;
        _time = time;
        _logger = logger;
    }

    private AccountState Current => _state.State;

    private bool IsLive => Current.Exists && Current.Status != AccountStatus.Deleted;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenantId, accountId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        _accountId = accountId;
        _tenant = new TenantGuard(GrainFactory, tenantId);
        if (Current.Exists)
        {
            _tenant.MarkKnown();
        }

        var changeFeed = GrainFactory.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(tenantId));
        _outbox = new(this, _state, changeFeed, DeliverAsync, ex => LogOutboxFlushFailed(_logger, ex, this.GetPrimaryKeyString()),
            ex => LogOutboxClearFailed(_logger, ex, _state.State.Version, this.GetPrimaryKeyString()));
        _outbox.Resume();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _outbox.PersistEmptiedAsync(cancellationToken);

    public async Task<AccountView> Create(AccountSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        GridKeys.ValidateId(_accountId, "account_id");
        var draft = new Draft(
            ValidateProfile(spec.Profile),
            spec.Status,
            ValidateOrganizations(spec.OrganizationIds),
            ValidateExternalIds(spec.ExternalIds));
        if (spec.Status is AccountStatus.Deleted || !Enum.IsDefined(spec.Status))
        {
            throw GridException.Invalid("status", $"cannot create an account with status {spec.Status}");
        }

        if (Current.Exists)
        {
            if (Current.Status != AccountStatus.Deleted && draft.Equals(CurrentDraft()))
            {
                await FlushOutboxAsync();
                return View();
            }

            throw GridException.Conflict(
                Current.Status == AccountStatus.Deleted
                    ? $"account {_accountId} exists and is deleted; restore it with a status change instead"
                    : $"account {_accountId} already exists with different content",
                "account_id");
        }

        await _tenant.EnsureExistsAsync();
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

        var current = CurrentDraft();
        var status = change.Status ?? current.Status;
        if (!Enum.IsDefined(status))
        {
            throw GridException.Invalid("status", $"unknown status {status}");
        }

        var draft = new Draft(
            change.Profile is null ? current.Profile : ValidateProfile(change.Profile),
            status,
            change.OrganizationIds is { } organizations ? ValidateOrganizations(organizations) : current.OrganizationIds,
            change.ExternalIds is { } externalIds ? ValidateExternalIds(externalIds) : current.ExternalIds);

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
            await FlushOutboxAsync();
            return View();
        }

        if (current.Status == AccountStatus.Deleted && draft.Status == AccountStatus.Deleted)
        {
            throw GridException.Precondition($"account {_accountId} is deleted; restore it with a status first");
        }

        return await CommitAsync(draft, kinds);
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

        var next = CopyState();
        next.SealedPasswordHash = Seal(_hasher.HashPassword(PasswordSubject.Instance, password));
        next.Version++;
        next.UpdatedAt = _time.GetUtcNow();
        next.Outbox.Entries.Add(Entry(next, ChangeKinds.Updated));
        await WriteAsync(next);
        await FlushOutboxAsync();
    }

    public async Task<bool> VerifyPassword(string password)
    {
        if (!IsLive || Current.SealedPasswordHash is null || string.IsNullOrEmpty(password))
        {
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
            var next = CopyState();
            next.SealedPasswordHash = Seal(rehash ? _hasher.HashPassword(PasswordSubject.Instance, password) : hash);
            await WriteAsync(next);
        }

        return true;
    }

    public Task<bool> UsesUniqueValue(UniqueField field, string normalizedValue)
    {
        var claim = new UniqueClaim(field, normalizedValue);
        return Task.FromResult(_claiming.Contains(claim) || Held(CurrentDraft(), Current.Exists).Contains(claim));
    }

    private string SealContext => "account-password:" + this.GetPrimaryKeyString();

    private string Seal(string hash) => _sealer.Seal(hash, SealContext);

    private void EnsureExists()
    {
        if (!Current.Exists)
        {
            throw GridException.NotFound($"account '{_accountId}' does not exist in tenant '{_tenant.TenantId}'");
        }
    }

    private async Task<AccountView> CommitAsync(Draft draft, ChangeKinds kinds)
    {
        var wasLive = IsLive;
        var isLive = draft.Status != AccountStatus.Deleted;
        var oldHeld = Held(CurrentDraft(), Current.Exists);
        var newHeld = Held(draft, true);
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

            var now = _time.GetUtcNow();
            var next = CopyState();
            if (!next.Exists)
            {
                next.Exists = true;
                next.CreatedAt = now;
            }

            next.Profile = draft.Profile;
            next.Status = draft.Status;
            next.OrganizationIds = [.. draft.OrganizationIds];
            next.ExternalIds = [.. draft.ExternalIds];
            next.Version++;
            next.UpdatedAt = now;
            var outbox = next.Outbox;
            outbox.Entries.Add(Entry(next, kinds));
            outbox.Rosters = [.. outbox.Rosters.Union(oldOrganizations.Except(newOrganizations)).Union(addedOrganizations)];
            outbox.Catalog |= wasLive != isLive;
            outbox.Releases = [.. outbox.Releases.Union(toRelease)];
            await WriteAsync(next);
            _tenant.MarkKnown();
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

        await FlushOutboxAsync();
        return View();
    }

    private async Task ClaimAndCheckAsync(List<UniqueClaim> toClaim, List<string> addedOrganizations, List<UniqueClaim> claimed)
    {
        var tenantId = _tenant.TenantId;
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

    private Task WriteAsync(AccountState next) => _outbox.WriteAsync(next);

    private Task FlushOutboxAsync() => _outbox.FlushAsync();

    private Task DeliverAsync(AccountOutbox outbox)
    {
        var tenantId = _tenant.TenantId;
        var live = IsLive;
        var held = Held(CurrentDraft(), Current.Exists);
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
            GridKeys.UniqueIndexForNormalized(_tenant.TenantId, claim.Field, claim.Value));

    private AccountState CopyState() => new()
    {
        Exists = Current.Exists,
        Profile = Current.Profile,
        Status = Current.Status,
        OrganizationIds = [.. Current.OrganizationIds],
        ExternalIds = [.. Current.ExternalIds],
        SealedPasswordHash = Current.SealedPasswordHash,
        Version = Current.Version,
        CreatedAt = Current.CreatedAt,
        UpdatedAt = Current.UpdatedAt,
        Outbox = new AccountOutbox
        {
            Entries = [.. Current.Outbox.Entries],
            Rosters = [.. Current.Outbox.Rosters],
            Catalog = Current.Outbox.Catalog,
            Releases = [.. Current.Outbox.Releases],
        },
    };

    private Draft CurrentDraft() =>
        new(Current.Profile, Current.Status, [.. Current.OrganizationIds], [.. Current.ExternalIds]);

    private ChangeEntry Entry(AccountState state, ChangeKinds kinds) =>
        new(0, state.UpdatedAt, DirectoryObjectKind.Account, _accountId, state.Version, kinds, View(state), null);

    private AccountView View() => View(Current);

    private AccountView View(AccountState state) => new(
        _tenant.TenantId,
        _accountId,
        state.Profile,
        state.Status,
        [.. state.OrganizationIds],
        [.. state.ExternalIds],
        state.SealedPasswordHash is not null,
        state.Version,
        state.CreatedAt,
        state.UpdatedAt);

    private static HashSet<UniqueClaim> Held(Draft draft, bool exists)
    {
        var held = new HashSet<UniqueClaim>();
        if (!exists || draft.Status == AccountStatus.Deleted)
        {
            return held;
        }

        void Add(UniqueField field, string? raw)
        {
            if (UniqueValues.Normalize(field, raw) is { } value)
            {
                held.Add(new UniqueClaim(field, value));
            }
        }

        Add(UniqueField.Username, draft.Profile.Username);
        Add(UniqueField.Email, draft.Profile.Email);
        Add(UniqueField.Mobile, draft.Profile.Mobile);
        foreach (var externalId in draft.ExternalIds)
        {
            Add(UniqueField.ExternalId, externalId.ToString());
        }

        return held;
    }

    private static AccountProfile ValidateProfile(AccountProfile? profile)
    {
        if (profile is null)
        {
            throw GridException.Invalid("profile", "required");
        }

        var displayName = profile.DisplayName?.Trim() ?? "";
        if (displayName.Length is 0 or > 128)
        {
            throw GridException.Invalid("display_name", "required, at most 128 characters");
        }

        var username = Optional(profile.Username);
        var email = Optional(profile.Email);
        var mobile = Optional(profile.Mobile);
        CheckUnique(UniqueField.Username, username, "at most 128 characters without spaces");
        CheckUnique(UniqueField.Email, email, "not an email address");
        CheckUnique(UniqueField.Mobile, mobile, "not a phone number");
        foreach (var (key, value) in profile.AttributesOrEmpty)
        {
            if (key.Length is 0 or > 64 || key.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')))
            {
                throw GridException.Invalid("attributes", $"'{key}' is not an attribute name (a-z, 0-9, '_', up to 64)");
            }

            if (value is null || value.Length > 4096)
            {
                throw GridException.Invalid("attributes", $"'{key}' must have a value of at most 4096 characters");
            }
        }

        return new AccountProfile(username, displayName, email, mobile, profile.Attributes is { Count: > 0 } ? profile.Attributes : null);
    }

    private static string? Optional(string? value) => UniqueValues.IsEmpty(value) ? null : value!.Trim();

    private static void CheckUnique(UniqueField field, string? value, string problem)
    {
        if (value is not null && UniqueValues.Normalize(field, value) is null)
        {
            throw GridException.Invalid(UniqueValues.FieldName(field), $"'{value}' is {problem}");
        }
    }

    private static ImmutableArray<string> ValidateOrganizations(ImmutableArray<string> organizationIds)
    {
        if (organizationIds.IsDefaultOrEmpty)
        {
            return [];
        }

        foreach (var id in organizationIds)
        {
            GridKeys.ValidateId(id, "organization_ids");
        }

        var sorted = organizationIds.Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        return sorted.Length > MaxOrganizations
            ? throw GridException.Invalid("organization_ids", $"at most {MaxOrganizations} organizations")
            : sorted;
    }

    private static ImmutableArray<ExternalId> ValidateExternalIds(ImmutableArray<ExternalId> externalIds)
    {
        if (externalIds.IsDefaultOrEmpty)
        {
            return [];
        }

        if (externalIds.Length > MaxExternalIds)
        {
            throw GridException.Invalid("external_ids", $"at most {MaxExternalIds} external ids");
        }

        var sources = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<ExternalId>(externalIds.Length);
        foreach (var externalId in externalIds)
        {
            if (externalId is null || UniqueValues.IsEmpty(externalId.Source) || UniqueValues.IsEmpty(externalId.Value))
            {
                throw GridException.Invalid("external_ids", "every external id needs a source and a value");
            }

            var trimmed = new ExternalId(externalId.Source.Trim(), externalId.Value.Trim());
            if (UniqueValues.Normalize(UniqueField.ExternalId, trimmed.ToString()) is null)
            {
                throw GridException.Invalid("external_ids", $"'{trimmed}' is not an external id (no spaces, at most 256 characters)");
            }

            if (!sources.Add(trimmed.Source))
            {
                throw GridException.Invalid("external_ids", $"two external ids for source '{trimmed.Source}'");
            }

            result.Add(trimmed);
        }

        return [.. result.OrderBy(e => e.Source, StringComparer.Ordinal)];
    }

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning,
        Message = "Account {Key}: outbox not flushed yet (rosters, index releases or change feed); retrying")]
    private static partial void LogOutboxFlushFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Warning,
        Message = "Account {Key}: could not persist the emptied outbox at version {Version} (entries may be replayed once)")]
    private static partial void LogOutboxClearFailed(ILogger logger, Exception exception, long version, string key);

    [LoggerMessage(EventId = 4032, Level = LogLevel.Warning, Message = "Account {Key}: releasing unique claims after a refused change failed")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string key);

    private sealed record Draft(
        AccountProfile Profile,
        AccountStatus Status,
        ImmutableArray<string> OrganizationIds,
        ImmutableArray<ExternalId> ExternalIds)
    {
        public bool Equals(Draft? other) =>
            other is not null
            && Profile.Equals(other.Profile)
            && Status == other.Status
            && OrganizationIds.SequenceEqual(other.OrganizationIds)
            && ExternalIds.SequenceEqual(other.ExternalIds);

        public override int GetHashCode() => HashCode.Combine(Profile, Status);
    }
}
