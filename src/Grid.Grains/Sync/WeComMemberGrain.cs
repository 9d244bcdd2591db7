using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Sync;

public sealed class WeComMemberGrain(
    [PersistentState("wecom-member", "grid")] IPersistentState<WeComMemberState> state,
    TimeProvider time,
    ILogger<WeComMemberGrain> logger) : Grain, IWeComMemberGrain
{
    // A member rarely changes userid (WeCom allows it once for generated ids); keep a few for audit.
    private const int MaxPreviousUserIds = 16;

    private string TenantId => SyncKeys.Split(this.GetPrimaryKeyString()).TenantId;

    private string ConnectorId => SyncKeys.Split(this.GetPrimaryKeyString()).ConnectorId;

    public async Task<MemberSyncResult> Apply(MemberSyncChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var accountId = change.Kind switch
        {
            MemberChangeKind.Create => await CreateAsync(change, change.AccountId),
            MemberChangeKind.Adopt => await AdoptAsync(change),
            MemberChangeKind.Update => await UpdateAsync(change),
            MemberChangeKind.Rebind => await RebindAsync(change),
            MemberChangeKind.Recreate => await RecreateAsync(change),
            MemberChangeKind.Refresh => state.State.AccountId ?? change.AccountId,
            MemberChangeKind.Delete => await DeleteAsync(change),
            _ => throw GridException.Invalid("kind", $"unknown member change {change.Kind}"),
        };

        state.State.UserId = change.UserId;
        state.State.AccountId = accountId;
        state.State.Member = change.Member;
        state.State.SourceHash = change.SourceHash;
        state.State.LastSyncedAt = time.GetUtcNow();
        state.State.LastRunId = change.RunId;
        if (change.Kind is not MemberChangeKind.Refresh and not MemberChangeKind.Update)
        {
            // A create, adopt, userid change or delete settles any pending rename of this userid.
            state.State.RenamedTo = null;
        }

        await state.WriteStateAsync();
        SyncLog.MemberApplied(logger, TenantId, ConnectorId, change.UserId, change.Kind, accountId);
        return new MemberSyncResult(accountId);
    }

    public async Task RecordUserIdChange(string newUserId)
    {
        if (string.IsNullOrWhiteSpace(newUserId))
        {
            throw GridException.Invalid("new_userid", "required");
        }

        var userId = state.State.UserId;
        if (state.State.AccountId is null || userId is null
            || string.Equals(state.State.RenamedTo, newUserId, StringComparison.Ordinal)
            || string.Equals(userId, newUserId, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        state.State.RenamedTo = newUserId;
        await state.WriteStateAsync();

        // The coordinator plans from the roster, so the pending change must be visible there too.
        await SyncRoster.Bucket(GrainFactory, TenantId, ConnectorId, SyncRoster.BucketOfMember(userId)).MarkRenamed(userId, newUserId);
    }

    public async Task<WeComMemberView?> HandOver(string newUserId)
    {
        if (state.State.UserId is null)
        {
            return null;
        }

        var view = ToView();
        if (state.State.AccountId is not null || state.State.RenamedTo is not null)
        {
            state.State.AccountId = null;
            state.State.RenamedTo = null;
            state.State.Member = null;
            state.State.SourceHash = null;
            await state.WriteStateAsync();
            SyncLog.MemberHandedOver(logger, TenantId, ConnectorId, view.UserId, newUserId);
        }

        return view;
    }

    public Task<WeComMemberView?> Get() => Task.FromResult(state.State.UserId is null ? null : ToView());

    private async Task<string> CreateAsync(MemberSyncChange change, string plannedAccountId)
    {
        var profile = Required(change.Profile);
        var externalId = new ExternalId(change.ExternalIdSource, change.UserId);
        if (state.State.AccountId is { } linked)
        {
            // Linked by an earlier attempt whose result never reached the roster: bring that account up to date.
            await BringUpToDateAsync(linked, change, profile);
            return linked;
        }

        var spec = new AccountSpec(
            profile, change.Status ?? AccountStatus.Active, change.OrganizationIds ?? [], [externalId]);
        try
        {
            await Account(plannedAccountId).Create(spec);
            return plannedAccountId;
        }
        catch (GridException error) when (error.Kind == GridErrorKind.Conflict)
        {
            // An earlier attempt may have created an account under another planned id and died before recording
            // it: the member's external id then names it. Anything else is a real conflict.
            var key = GridKeys.UniqueIndex(TenantId, UniqueField.ExternalId, externalId.ToString());
            var holder = key is null ? null : await GrainFactory.GetGrain<IUniqueIndexGrain>(key).Get();
            if (holder is null || holder == plannedAccountId)
            {
                throw;
            }

            var existing = await Account(holder).Get();
            if (existing is null || existing.Status == AccountStatus.Deleted || !existing.ExternalIds.Contains(externalId))
            {
                throw;
            }

            await BringUpToDateAsync(holder, change, profile);
            return holder;
        }
    }

    private async Task BringUpToDateAsync(string accountId, MemberSyncChange change, AccountProfile profile)
    {
        var account = await Account(accountId).Get()
            ?? throw GridException.NotFound($"account '{accountId}' linked to member '{change.UserId}' does not exist");
        var externalIds = WithWeComId(account.ExternalIds, change.ExternalIdSource, previousUserId: null, change.UserId);
        await Account(accountId).Apply(new AccountChange(profile, change.Status, change.OrganizationIds, externalIds));
    }

    private async Task<string> AdoptAsync(MemberSyncChange change)
    {
        var accountId = state.State.AccountId ?? change.AccountId;
        var account = await Account(accountId).Get()
            ?? throw GridException.NotFound($"account '{accountId}' to adopt does not exist");
        if (account.Status == AccountStatus.Deleted)
        {
            throw GridException.Precondition($"account '{accountId}' to adopt is deleted");
        }

        var externalIds = WithWeComId(account.ExternalIds, change.ExternalIdSource, previousUserId: null, change.UserId);
        await Account(accountId).Apply(new AccountChange(
            Required(change.Profile), change.Status, change.OrganizationIds, externalIds));
        return accountId;
    }

    private async Task<string> UpdateAsync(MemberSyncChange change)
    {
        var accountId = state.State.AccountId ?? change.AccountId;
        await Account(accountId).Apply(new AccountChange(change.Profile, change.Status, change.OrganizationIds));
        return accountId;
    }

    private async Task<string> RebindAsync(MemberSyncChange change)
    {
        var previous = Required(change.PreviousUserId);
        await TakeOverAsync(previous, change.UserId);
        var accountId = change.AccountId;
        var account = await Account(accountId).Get()
            ?? throw GridException.NotFound($"account '{accountId}' to rebind does not exist");
        var externalIds = WithWeComId(account.ExternalIds, change.ExternalIdSource, previous, change.UserId);
        await Account(accountId).Apply(new AccountChange(
            Required(change.Profile), change.Status, change.OrganizationIds, externalIds));
        return accountId;
    }

    private async Task<string> RecreateAsync(MemberSyncChange change)
    {
        var previous = Required(change.PreviousUserId);
        await TakeOverAsync(previous, change.UserId);
        if (change.PreviousAccountId is { } old && old != state.State.AccountId)
        {
            await DeleteAccountAsync(old);
        }

        return await CreateAsync(change, change.AccountId);
    }

    private async Task<string?> DeleteAsync(MemberSyncChange change)
    {
        await DeleteAccountAsync(state.State.AccountId ?? change.AccountId);
        return null;
    }

    private async Task DeleteAccountAsync(string accountId)
    {
        try
        {
            await Account(accountId).Delete();
        }
        catch (GridException error) when (error.Kind == GridErrorKind.NotFound)
        {
            // Never created (or the tenant's record of it is gone): nothing to delete.
        }
    }

    // Moves history and consent from the member grain of the old userid to this one.
    private async Task TakeOverAsync(string previousUserId, string newUserId)
    {
        var (tenantId, connectorId, ownUserId) = SyncKeys.Split(this.GetPrimaryKeyString());
        if (string.Equals(previousUserId, ownUserId, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var old = await GrainFactory.GetGrain<IWeComMemberGrain>(SyncKeys.Member(tenantId, connectorId, previousUserId))
            .HandOver(newUserId);
        var history = state.State.PreviousUserIds;
        if (old is not null)
        {
            foreach (var earlier in old.PreviousUserIds)
            {
                AddHistory(history, earlier);
            }

            if (state.State.ConsentExpiresAt is null && old.ConsentExpiresAt is { } expires)
            {
                state.State.ConsentedFields = new Dictionary<string, string>(old.ConsentedFields, StringComparer.Ordinal);
                state.State.ConsentExpiresAt = expires;
            }
        }

        AddHistory(history, previousUserId);
    }

    private static void AddHistory(List<string> history, string userId)
    {
        if (history.Contains(userId, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        history.Add(userId);
        if (history.Count > MaxPreviousUserIds)
        {
            history.RemoveAt(0);
        }
    }

    // The account's external ids with this connector's WeCom id set to the member's userid (other sources kept).
    private static ImmutableArray<ExternalId> WithWeComId(
        ImmutableArray<ExternalId> current, string source, string? previousUserId, string userId)
    {
        var wanted = new ExternalId(source, userId);
        var builder = ImmutableArray.CreateBuilder<ExternalId>();
        foreach (var id in current.IsDefault ? [] : current)
        {
            var sameSource = string.Equals(id.Source, source, StringComparison.OrdinalIgnoreCase);
            var isPrevious = previousUserId is not null && string.Equals(id.Value, previousUserId, StringComparison.OrdinalIgnoreCase);
            var isWanted = string.Equals(id.Value, userId, StringComparison.OrdinalIgnoreCase);
            if (!(sameSource && (isPrevious || isWanted)))
            {
                builder.Add(id);
            }
        }

        builder.Add(wanted);
        return builder.ToImmutable();
    }

    private IAccountGrain Account(string accountId) => GrainFactory.GetGrain<IAccountGrain>(GridKeys.Account(TenantId, accountId));

    private static T Required<T>(T? value)
        where T : class =>
        value ?? throw GridException.Invalid("change", "a required part of the member change is missing");

    private WeComMemberView ToView() => new(
        state.State.UserId!,
        state.State.AccountId,
        state.State.Member,
        state.State.SourceHash,
        state.State.LastSyncedAt,
        state.State.LastRunId,
        state.State.ConsentedFields.ToImmutableSortedDictionary(StringComparer.Ordinal),
        state.State.ConsentExpiresAt,
        [.. state.State.PreviousUserIds],
        state.State.RenamedTo);
}
