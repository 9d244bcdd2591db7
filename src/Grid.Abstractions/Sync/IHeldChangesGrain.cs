using System.Collections.Immutable;
using Grid.Abstractions.Connectors;
using Orleans.Concurrency;

namespace Grid.Abstractions.Sync;

/// <summary>
/// A connector's delete budget for change callbacks and the deletes it holds, key <c>{tenant}/{connectorId}</c>: a
/// sliding window of the deletes applied (at most the budget's count of them), and the held deletes (bounded).
/// </summary>
[Alias("grid.IHeldChangesGrain")]
public interface IHeldChangesGrain : IGrainWithStringKey
{
    /// <summary>
    /// Whether the delete <paramref name="change"/> describes may be applied now: true, counted in the window, while
    /// the window holds fewer deletes of its kind than <paramref name="budget"/> allows (a delete of a key already
    /// counted in the window is admitted again without counting twice); otherwise the change is held and false is
    /// returned. A key already held stays held.
    /// </summary>
    [Alias("Admit")]
    Task<bool> Admit(HeldChange change, DeleteBudget budget);

    /// <summary>The held changes, oldest first, a page at a time.</summary>
    [ReadOnly]
    [Alias("List")]
    Task<HeldChangePage> List(string? pageToken, int pageSize);

    /// <summary>
    /// Approves held changes (<paramref name="ids"/>, or every one when <paramref name="all"/>): each is planned again
    /// from WeCom as it is now and applied past the budget, then forgotten; audited as <c>sync.held.approve</c>.
    /// </summary>
    [Alias("Approve")]
    Task<HeldChangeResult> Approve(ImmutableArray<string> ids, bool all, string actor);

    /// <summary>Discards held changes (ids, or all): nothing is deleted; audited as <c>sync.held.discard</c>.</summary>
    [Alias("Discard")]
    Task<HeldChangeResult> Discard(ImmutableArray<string> ids, bool all, string actor);
}
