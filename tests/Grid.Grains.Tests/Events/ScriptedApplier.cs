using System.Collections.Concurrent;
using Grid.Grains.Sync.Incremental;
using Grid.WeCom.Events;

namespace Grid.Grains.Tests.Events;

/// <summary>
/// An <see cref="IContactChangeApplier"/> whose behaviour per member userid a test scripts: block until released, or
/// fail a number of times. Records every call in order. Keyed by tenant, so tests on fresh tenants do not meet.
/// </summary>
public sealed class ScriptedApplier : IContactChangeApplier
{
    private readonly ConcurrentDictionary<(string Tenant, string UserId), TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<(string Tenant, string UserId), int> _failures = new();
    private readonly ConcurrentQueue<(string Tenant, string EventId, string UserId)> _started = new();
    private readonly ConcurrentQueue<(string Tenant, string EventId)> _applied = new();

    /// <summary>Calls of one tenant as (event id, userid), in the order they started.</summary>
    public IReadOnlyList<(string EventId, string UserId)> Started(string tenantId) =>
        [.. _started.Where(c => c.Tenant == tenantId).Select(c => (c.EventId, c.UserId))];

    public IReadOnlyList<string> Applied(string tenantId) => [.. _applied.Where(c => c.Tenant == tenantId).Select(c => c.EventId)];

    /// <summary>Calls for this member wait until <see cref="Release"/>.</summary>
    public void Block(string tenantId, string userId) =>
        _gates[(tenantId, userId)] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string tenantId, string userId) => _gates[(tenantId, userId)].TrySetResult();

    /// <summary>The next <paramref name="times"/> calls for this member throw.</summary>
    public void Fail(string tenantId, string userId, int times) => _failures[(tenantId, userId)] = times;

    public async Task<ContactChangeOutcome> ApplyAsync(
        string tenantId, string connectorId, string eventId, ContactChange change, CancellationToken cancellationToken)
    {
        var userId = change switch
        {
            MemberCreated c => c.UserId,
            MemberUpdated u => u.UserId,
            MemberDeleted d => d.UserId,
            _ => "",
        };
        _started.Enqueue((tenantId, eventId, userId));
        if (_gates.TryGetValue((tenantId, userId), out var gate))
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (_failures.TryGetValue((tenantId, userId), out var left) && left > 0)
        {
            _failures[(tenantId, userId)] = left - 1;
            throw new InvalidOperationException("WeCom is unreachable (scripted)");
        }

        _applied.Enqueue((tenantId, eventId));
        return change is MemberDeleted ? ContactChangeOutcome.Held : ContactChangeOutcome.Applied;
    }
}
