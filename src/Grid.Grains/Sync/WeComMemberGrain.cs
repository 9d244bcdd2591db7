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

    public async Task<SyncStepApplied> Apply(MemberStep step, WeComMemberRecord? seen, SyncStepContext context)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(context);
        if (context.ObservedAt < state.State.ObservedAt)
        {
            // A change callback applied a newer observation of this member while the step's run was under way.
            SyncLog.MemberStepSuperseded(logger, TenantId, ConnectorId, step.UserId, step.Kind, context.RunId);
            return new SyncStepApplied(state.State.AccountId, Superseded: true);
        }

        // The step handlers build on the state (userid history, consent taken over from a handed-over member), so
        // they work on a copy: a failure before or in the write leaves this activation with what storage holds.
        var stored = state.State;
        state.State = copier.Copy(stored);
        WeComMemberState next;
        string? accountId;
        try
        {
            accountId = await ApplyStepAsync(step, context);
            next = state.State;
        }
        finally
        {
            state.State = stored;
        }

        next.UserId = step.UserId;
        next.AccountId = accountId;
        next.Member = seen;
        next.LastSyncedAt = time.GetUtcNow();
        next.LastRunId = context.RunId;
        next.ObservedAt = context.ObservedAt ?? next.ObservedAt;
        await state.WriteOrRevertAsync(next);
        SyncLog.MemberApplied(logger, TenantId, ConnectorId, step.UserId, step.Kind, accountId);
        return new SyncStepApplied(accountId);
    }

    private async Task<string?> ApplyStepAsync(MemberStep step, SyncStepContext context) =>
        step switch
        {
            AccountCreate create => await CreateAsync(create.UserId, create.AccountId, Write(create.Fields, create.Status, create.OrganizationIds, step), context),
            AccountAdopt adopt => await AdoptAsync(adopt, context),
            AccountUpdate update => await UpdateAsync(update),
            AccountRebind rebind => await RebindAsync(rebind, context),
            AccountRecreate recreate => await RecreateAsync(recreate, context),
            MemberRefresh => state.State.AccountId ?? step.AccountId,
            AccountDelete => await DeleteAsync(step),
            _ => throw GridException.Invalid("step", $"unknown member step {step.GetType().Name}"),
        };

    public async Task RecordUserIdChange(string newUserId)
    {
        if (string.IsNullOrWhiteSpace(newUserId))
        {
            throw GridException.Invalid("new_userid", "required");
        }

        var userId = state.State.UserId;
        if (state.State.AccountId is null || userId is null || string.Equals(userId, newUserId, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // Pending userid changes are part of what was last applied: the roster holds them, and the next plan reads them.
        await SyncRoster.Bucket(GrainFactory, TenantId, ConnectorId, SyncRoster.BucketOfMember(userId)).MarkRenamed(userId, newUserId);
    }

    public async Task<WeComMemberView?> HandOver(string newUserId)
    {
        if (state.State.UserId is null)
        {
            return null;
        }

        var view = await ToViewAsync();
        if (state.State.AccountId is not null)
        {
            var next = copier.Copy(state.State);
            next.AccountId = null;
            next.Member = null;
            await state.WriteOrRevertAsync(next);
            SyncLog.MemberHandedOver(logger, TenantId, ConnectorId, view.UserId, newUserId);
        }

        return view;
    }

    public async Task<DateTimeOffset> RecordConsent(string userId, ImmutableSortedDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (state.State.AccountId is not { } accountId)
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

    public async Task<WeComMemberView?> Get() => state.State.UserId is null ? null : await ToViewAsync();

    // The account write of a step that maps the whole member (create, adopt, rebind, recreate).
    private AccountChange Write(FieldValues fields, AccountStatus status, ImmutableArray<string> organizationIds, MemberStep step) =>
        new(WithConsent(SyncConversions.ToProfile(fields, step.UserId)), status, organizationIds);

    private async Task<string> CreateAsync(string userId, string plannedAccountId, AccountChange write, SyncStepContext context)
    {
        var profile = write.Profile!;
        var externalId = new ExternalId(context.ExternalIdSource, userId);
        if (state.State.AccountId is { } linked)
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

    private async Task<string> AdoptAsync(AccountAdopt adopt, SyncStepContext context)
    {
        var accountId = state.State.AccountId ?? adopt.AccountId;
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

    private async Task<string> UpdateAsync(AccountUpdate update)
    {
        var accountId = state.State.AccountId ?? update.AccountId;
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

    private async Task<string> RecreateAsync(AccountRecreate recreate, SyncStepContext context)
    {
        await TakeOverAsync(recreate.PreviousUserId, recreate.UserId);
        if (recreate.PreviousAccountId != state.State.AccountId)
        {
            await DeleteAccountAsync(recreate.PreviousAccountId);
        }

        return await CreateAsync(
            recreate.UserId, recreate.AccountId, Write(recreate.Fields, recreate.Status, recreate.OrganizationIds, recreate), context);
    }

    private async Task<string?> DeleteAsync(MemberStep step)
    {
        await DeleteAccountAsync(state.State.AccountId ?? step.AccountId);
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

    // The last-applied part of the view (hash, pending userid change) is the roster's.
    private async Task<WeComMemberView> ToViewAsync()
    {
        var userId = state.State.UserId!;
        var entry = await SyncRoster.FindMemberAsync(GrainFactory, TenantId, ConnectorId, userId);
        return new(
            userId,
            state.State.AccountId,
            state.State.Member,
            entry?.SourceHash,
            state.State.LastSyncedAt,
            state.State.LastRunId,
            state.State.ConsentedFields.ToImmutableSortedDictionary(StringComparer.Ordinal),
            state.State.ConsentExpiresAt,
            [.. state.State.PreviousUserIds],
            entry?.RenamedTo);
    }
}
