using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Grains.Login;
using Grid.Sync.Mapping;
using Grid.Sync.Planning.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Grid.Grains.Sync;

// A full sync touches every member grain once and most never again until the next run: let idle ones go early, so
// that a 100,000-member import does not keep 100,000 activations for Orleans' default quarter of an hour.
[CollectionAgeLimit(Minutes = 2)]
public sealed class WeComMemberGrain(
    [PersistentState("wecom-member", "grid")] IPersistentState<WeComMemberState> state,
    DeepCopier<WeComMemberState> copier,
    TimeProvider time,
    IOptions<LoginOptions> loginOptions,
    ILogger<WeComMemberGrain> logger) : Grain, IWeComMemberSyncGrain
{
    // A member rarely changes userid (WeCom allows it once for generated ids); keep a few for audit.
    private const int MaxPreviousUserIds = 16;

    private string TenantId => SyncKeys.Split(this.GetPrimaryKeyString()).TenantId;

    private string ConnectorId => SyncKeys.Split(this.GetPrimaryKeyString()).ConnectorId;

    private Link? _link;

    public async Task<SyncStepApplied> Apply(MemberStep step, SyncStepContext context)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(context);
        var link = await LinkAsync();
        if (context.ObservedAt < link.ObservedAt)
        {
            // A change callback applied a newer observation of this member while the step's run was under way.
            SyncLog.MemberStepSuperseded(logger, TenantId, ConnectorId, step.UserId, step.Kind, context.RunId);
            return new SyncStepApplied(link.AccountId, Superseded: true);
        }

        // The step handlers build on the state (userid history, consent taken over from a handed-over member), so
        // they work on a copy: a failure before or in the write leaves this activation with what storage holds.
        var stored = state.State;
        state.State = copier.Copy(stored);
        WeComMemberState next;
        string? accountId;
        bool tookOver;
        try
        {
            (accountId, tookOver) = await ApplyStepAsync(step, link.AccountId, context);
            next = state.State;
        }
        finally
        {
            state.State = stored;
        }

        // What was applied is the roster's (recorded by the caller): this grain writes only what it alone holds, the
        // history and consent a rename took over, or the departure the roster forgets.
        var departed = accountId is null;
        if (tookOver || departed)
        {
            next.UserId = step.UserId;
            if (departed)
            {
                next.LastRunId = context.RunId;
                next.ObservedAt = context.ObservedAt ?? time.GetUtcNow();
            }

            await state.WriteOrRevertAsync(next);
        }

        _link = new Link(step.UserId, accountId, departed ? next.ObservedAt : context.ObservedAt ?? link.ObservedAt, context.RunId);
        SyncLog.MemberApplied(logger, TenantId, ConnectorId, step.UserId, step.Kind, accountId);
        return new SyncStepApplied(accountId);
    }

    private async Task<(string? AccountId, bool TookOver)> ApplyStepAsync(MemberStep step, string? linked, SyncStepContext context) =>
        step switch
        {
            AccountCreate create => (await CreateAsync(
                create.UserId, create.AccountId, linked, Write(create.Fields, create.Status, create.OrganizationIds, step), context), false),
            AccountAdopt adopt => (await AdoptAsync(adopt, linked, context), false),
            AccountUpdate update => (await UpdateAsync(update, linked), false),
            AccountRebind rebind => (await RebindAsync(rebind, context), true),
            AccountRecreate recreate => (await RecreateAsync(recreate, linked, context), true),
            MemberRefresh => (linked ?? step.AccountId, false),
            AccountDelete => (await DeleteAsync(step, linked), false),
            _ => throw GridException.Invalid("step", $"unknown member step {step.GetType().Name}"),
        };

    // The account link and when what was last applied was observed: this activation's own record once it applied a
    // step, else the roster's entry (unless a departure recorded here is newer than it).
    private async Task<Link> LinkAsync() => _link ??= Resolve(await FindEntryAsync());

    private Link Resolve(RosterMember? entry) =>
        entry is not null && !(state.State.ObservedAt > entry.ObservedAt)
            ? new Link(entry.UserId, entry.AccountId, entry.ObservedAt, entry.RunId)
            : new Link(state.State.UserId, null, state.State.ObservedAt, state.State.LastRunId);

    private Task<RosterMember?> FindEntryAsync() =>
        SyncRoster.FindMemberAsync(GrainFactory, TenantId, ConnectorId, SyncKeys.Split(this.GetPrimaryKeyString()).Id);

    public async Task RecordUserIdChange(string newUserId)
    {
        if (string.IsNullOrWhiteSpace(newUserId))
        {
            throw GridException.Invalid("new_userid", "required");
        }

        var link = await LinkAsync();
        if (link is not { AccountId: not null, UserId: { } userId } || string.Equals(userId, newUserId, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // Pending userid changes are part of what was last applied: the roster holds them, and the next plan reads them.
        await SyncRoster.Bucket(GrainFactory, TenantId, ConnectorId, SyncRoster.BucketOfMember(userId)).MarkRenamed(userId, newUserId);
    }

    public async Task<WeComMemberView?> HandOver(string newUserId)
    {
        var view = await Get();
        if (view?.AccountId is not null)
        {
            // The roster forgets this userid once the rename is recorded: the departure is kept here.
            var next = copier.Copy(state.State);
            next.UserId = view.UserId;
            next.ObservedAt = time.GetUtcNow();
            next.LastRunId = view.LastRunId;
            await state.WriteOrRevertAsync(next);
            _link = new Link(next.UserId, null, next.ObservedAt, next.LastRunId);
            SyncLog.MemberHandedOver(logger, TenantId, ConnectorId, view.UserId, newUserId);
        }

        return view;
    }

    public async Task<DateTimeOffset> RecordConsent(string userId, ImmutableSortedDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if ((await LinkAsync()).AccountId is not { } accountId)
        {
            throw GridException.Precondition($"member '{userId}' has no account to map consented fields into");
        }

        var now = time.GetUtcNow();
        var next = copier.Copy(state.State);
        next.UserId ??= userId;

        // Only what WeCom returned (the admin's display settings and the member's choice): absent fields keep theirs.
        foreach (var (name, value) in fields)
        {
            if (ConsentFields.IsKnown(name) && !string.IsNullOrWhiteSpace(value))
            {
                next.ConsentedFields[name] = value;
            }
        }

        next.ConsentGivenAt = now;
        next.ConsentExpiresAt = now + loginOptions.Value.ConsentLifetime;
        await state.WriteOrRevertAsync(next);

        var account = await Account(accountId).Get();
        if (account is not null && account.Status != AccountStatus.Deleted)
        {
            var profile = WithConsent(account.Profile);
            if (!profile.Equals(account.Profile))
            {
                try
                {
                    await Account(accountId).Apply(new AccountChange(profile));
                }
                catch (GridException error) when (error.Kind == GridErrorKind.Conflict)
                {
                    // A consented mobile or email another account holds: the consent is kept, the account keeps its value.
                    SyncLog.ConsentNotMapped(logger, TenantId, ConnectorId, userId, error.Message);
                }
            }
        }

        return next.ConsentExpiresAt.Value;
    }

    // The consented sensitive fields over a mapped profile while the consent is valid; once it expired they are no
    // longer written (the account keeps what it had until the member consents again).
    private AccountProfile WithConsent(AccountProfile profile) =>
        state.State.ConsentExpiresAt is { } expires && expires > time.GetUtcNow()
            ? ConsentFields.Apply(profile, state.State.ConsentedFields)
            : profile;

    public async Task<WeComMemberView?> Get()
    {
        var entry = await FindEntryAsync();
        var link = _link ??= Resolve(entry);
        if (link.UserId is not { } userId)
        {
            return null;
        }

        return new(
            userId,
            link.AccountId,
            link.AccountId is null ? null : entry?.SourceHash,
            link.ObservedAt,
            link.RunId,
            state.State.ConsentedFields.ToImmutableSortedDictionary(StringComparer.Ordinal),
            state.State.ConsentExpiresAt,
            [.. state.State.PreviousUserIds],
            entry?.RenamedTo);
    }

    // The account write of a step that maps the whole member (create, adopt, rebind, recreate).
    private AccountChange Write(FieldValues fields, AccountStatus status, ImmutableArray<string> organizationIds, MemberStep step) =>
        new(WithConsent(SyncConversions.ToProfile(fields, step.UserId)), status, organizationIds);

    private async Task<string> CreateAsync(string userId, string plannedAccountId, string? linked, AccountChange write, SyncStepContext context)
    {
        var profile = write.Profile!;
        var externalId = new ExternalId(context.ExternalIdSource, userId);
        if (linked is not null)
        {
            // Linked by an earlier attempt whose result never reached the roster: bring that account up to date.
            await BringUpToDateAsync(linked, userId, write, context);
            return linked;
        }

        var spec = new AccountSpec(profile, write.Status ?? AccountStatus.Active, write.OrganizationIds ?? [], [externalId]);
        try
        {
            await Account(plannedAccountId).Create(spec);
            return plannedAccountId;
        }
        catch (GridException error) when (error.Kind == GridErrorKind.Conflict)
        {
            // An earlier attempt may have created the account (under this planned id or another) and died before
            // the roster recorded it: the member's external id then names it. Anything else is a real conflict.
            var key = GridKeys.UniqueIndex(TenantId, UniqueField.ExternalId, externalId.ToString());
            var holder = key is null ? null : await GrainFactory.GetGrain<IUniqueIndexGrain>(key).Get();
            if (holder is null)
            {
                throw;
            }

            var existing = await Account(holder).Get();
            if (existing is null || existing.Status == AccountStatus.Deleted || !existing.ExternalIds.Contains(externalId))
            {
                throw;
            }

            await BringUpToDateAsync(holder, userId, write, context);
            return holder;
        }
    }

    private async Task BringUpToDateAsync(string accountId, string userId, AccountChange write, SyncStepContext context)
    {
        var account = await Account(accountId).Get()
            ?? throw GridException.NotFound($"account '{accountId}' linked to member '{userId}' does not exist");
        var externalIds = WithWeComId(account.ExternalIds, context.ExternalIdSource, previousUserId: null, userId);
        await Account(accountId).Apply(write with { ExternalIds = externalIds });
    }

    private async Task<string> AdoptAsync(AccountAdopt adopt, string? linked, SyncStepContext context)
    {
        var accountId = linked ?? adopt.AccountId;
        var account = await Account(accountId).Get()
            ?? throw GridException.NotFound($"account '{accountId}' to adopt does not exist");
        if (account.Status == AccountStatus.Deleted)
        {
            throw GridException.Precondition($"account '{accountId}' to adopt is deleted");
        }

        var externalIds = WithWeComId(account.ExternalIds, context.ExternalIdSource, previousUserId: null, adopt.UserId);
        await Account(accountId).Apply(Write(adopt.Fields, adopt.Status, adopt.OrganizationIds, adopt) with { ExternalIds = externalIds });
        return accountId;
    }

    private async Task<string> UpdateAsync(AccountUpdate update, string? linked)
    {
        var accountId = linked ?? update.AccountId;
        var profile = update.Fields is { } fields ? WithConsent(SyncConversions.ToProfile(fields, update.UserId)) : null;
        await Account(accountId).Apply(new AccountChange(profile, update.Status, update.OrganizationIds));
        return accountId;
    }

    private async Task<string> RebindAsync(AccountRebind rebind, SyncStepContext context)
    {
        await TakeOverAsync(rebind.PreviousUserId, rebind.UserId);
        var accountId = rebind.AccountId;
        var account = await Account(accountId).Get()
            ?? throw GridException.NotFound($"account '{accountId}' to rebind does not exist");
        var externalIds = WithWeComId(account.ExternalIds, context.ExternalIdSource, rebind.PreviousUserId, rebind.UserId);
        await Account(accountId).Apply(Write(rebind.Fields, rebind.Status, rebind.OrganizationIds, rebind) with { ExternalIds = externalIds });
        return accountId;
    }

    private async Task<string> RecreateAsync(AccountRecreate recreate, string? linked, SyncStepContext context)
    {
        await TakeOverAsync(recreate.PreviousUserId, recreate.UserId);
        if (recreate.PreviousAccountId != linked)
        {
            await DeleteAccountAsync(recreate.PreviousAccountId);
        }

        return await CreateAsync(
            recreate.UserId, recreate.AccountId, linked, Write(recreate.Fields, recreate.Status, recreate.OrganizationIds, recreate), context);
    }

    private async Task<string?> DeleteAsync(MemberStep step, string? linked)
    {
        await DeleteAccountAsync(linked ?? step.AccountId);
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

    // What this activation knows of the member: null UserId when nothing is known (never applied, nothing written).
    private sealed record Link(string? UserId, string? AccountId, DateTimeOffset? ObservedAt, string? RunId);
}
