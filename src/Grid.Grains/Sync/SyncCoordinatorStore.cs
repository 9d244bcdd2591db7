using Grid.Abstractions;
using Grid.Abstractions.Tenants;
using Grid.Grains.Tenants;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Sync;

/// <summary>
/// The coordinator's persistence: one write at a time, and audit entries stored with the change they describe, then
/// appended to the tenant's audit log.
/// </summary>
internal sealed class SyncCoordinatorStore(
    IPersistentState<SyncCoordinatorState> state, IGrainFactory grains, TimeProvider time, ILogger logger, string key)
{
    // Writes of the driver and of requests interleave at awaits; one write at a time keeps the ETag sequence intact.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly (string TenantId, string ConnectorId) _ids = GridKeys.SplitTenant(key);
    private bool _auditClearedNotStored;

    public SyncCoordinatorState State => state.State;

    public async Task WriteAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            // Cleared before the write: a flush that empties the list while this write is in flight marks it again.
            _auditClearedNotStored = false;
            await state.WriteStateAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // The entry is stored with the change it describes, or not at all: a write that fails takes it back.
    public async Task WriteAuditedAsync(string actor, string action, SyncRunRecord run, string summary)
    {
        var entry = new AuditEntry(0, time.GetUtcNow(), actor, action, $"connector/{_ids.ConnectorId}/run/{run.RunId}", summary);
        state.State.PendingAudit.Add(entry);
        try
        {
            await WriteAsync();
        }
        catch
        {
            state.State.PendingAudit.Remove(entry);
            throw;
        }
    }

    // The emptied list is not written at once: the run's next write carries it (the tests count writes of a no-change
    // run), and deactivation writes it when no later write did, so entries are appended again only after a crash.
    public Task FlushAuditAsync() => PendingAudit.FlushAsync(
        grains,
        _ids.TenantId,
        state.State.PendingAudit,
        () =>
        {
            _auditClearedNotStored = true;
            return Task.CompletedTask;
        },
        logger,
        key);

    /// <summary>At deactivation: stores the emptied audit list when no later write did (unless storage is behind memory).</summary>
    public async Task StoreFlushedAuditAsync(bool storageBehind)
    {
        if (_auditClearedNotStored && !storageBehind)
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Kept as it is stored: the next activation appends those entries once more (at least once).
                SyncLog.AuditNotCleared(logger, error, _ids.TenantId, _ids.ConnectorId);
            }
        }
    }
}
