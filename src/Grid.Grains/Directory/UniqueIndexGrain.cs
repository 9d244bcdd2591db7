using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Directory;

// Index grains are touched once per claim and rarely again: let idle ones go early (100k-member syncs); a claim
// lets its grain go as soon as it is written.
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class UniqueIndexGrain(
    [PersistentState("unique-index", "grid")] IPersistentState<UniqueIndexState> state,
    TimeProvider time,
    ILogger<UniqueIndexGrain> logger) : Grain, IUniqueIndexGrain
{
    public async Task<bool> Claim(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var holder = state.State.AccountId;
        if (holder == accountId)
        {
            return true;
        }

        if (holder is not null)
        {
            var (tenantId, field, value) = ParseKey();
            var holderGrain = GrainFactory.GetGrain<IAccountGrain>(GridKeys.Account(tenantId, holder));
            if (await holderGrain.UsesUniqueValue(field, value))
            {
                return false;
            }

            LogClaimTakenBack(logger, UniqueValues.FieldName(field), holder, accountId);
        }

        await state.WriteOrRevertAsync(new UniqueIndexState { AccountId = accountId, ClaimedAt = time.GetUtcNow() });

        // Claimed values are read again only by lookups: a first sync's 200,000 claims need not stay in memory.
        DeactivateOnIdle();
        return true;
    }

    public async Task Release(string accountId)
    {
        if (state.State.AccountId != accountId)
        {
            return;
        }

        await state.ClearStateAsync();
        state.State = new UniqueIndexState();
        DeactivateOnIdle();
    }

    public Task<string?> Get() => Task.FromResult(state.State.AccountId);

    private (string TenantId, UniqueField Field, string Value) ParseKey()
    {
        var (tenantId, remainder) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        var slash = remainder.IndexOf('/', StringComparison.Ordinal);
        var fieldName = remainder[..slash];
        var field = Enum.GetValues<UniqueField>().Single(f => UniqueValues.FieldName(f) == fieldName);
        return (tenantId, field, remainder[(slash + 1)..]);
    }

    // The holder failed between claiming and writing (or between writing and releasing): the value is free.
    [LoggerMessage(EventId = 4020, Level = LogLevel.Information,
        Message = "Unique {Field} claim of account {Holder} was left behind and is taken over by account {AccountId}")]
    private static partial void LogClaimTakenBack(ILogger logger, string field, string holder, string accountId);
}
