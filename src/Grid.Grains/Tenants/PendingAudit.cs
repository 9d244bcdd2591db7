using Grid.Abstractions;
using Grid.Abstractions.Tenants;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Tenants;

/// <summary>
/// Audit entries that a grain stores in its own state with the change they describe, then appends to the tenant's
/// audit log. Writing them with the change means an acknowledged change is never left without its entry; a failed
/// append keeps them in state for the next change or activation (at least once).
/// </summary>
internal static partial class PendingAudit
{
    /// <summary>
    /// Appends <paramref name="pending"/> to the tenant's log, then persists the emptied list so that a later activation
    /// does not append them again. Failures are logged and leave the entries pending.
    /// </summary>
    public static async Task FlushAsync(
        IGrainFactory grains, string tenantId, List<AuditEntry> pending, Func<Task> persist, ILogger logger, string grainKey)
    {
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(tenantId)).Append([.. pending]);
            pending.Clear();
            await persist();
        }
        catch (Exception ex)
        {
            LogFlushFailed(logger, ex, grainKey);
        }
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "{Key}: audit entries not appended yet; kept for retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string key);
}
