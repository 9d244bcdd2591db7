using System.Collections.Concurrent;

namespace Grid.Grains.Tenants;

/// <summary>
/// The tenants this silo has seen exist (a singleton). Tenants are never deleted, so once one is known no grain of
/// the silo asks the tenant grain again: a first sync activates 100,000 accounts and every sign-in a new session, and
/// each asked once before.
/// </summary>
internal sealed class KnownTenants
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public bool Contains(string tenantId) => _known.ContainsKey(tenantId);

    public void Add(string tenantId) => _known.TryAdd(tenantId, true);
}
