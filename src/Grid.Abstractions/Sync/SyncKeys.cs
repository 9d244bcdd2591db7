using System.Globalization;

namespace Grid.Abstractions.Sync;

/// <summary>
/// Grain keys of the sync grains below a connector (the coordinator's key is <see cref="GridKeys.Connector"/>).
/// WeCom userids contain no '/' (letters, digits and <c>_-@.</c>), so these keys split unambiguously.
/// </summary>
public static class SyncKeys
{
    /// <summary>
    /// A WeCom member of a connector: <c>{tenant}/{connector}/{userid}</c>, the userid lower-cased because WeCom
    /// compares userids without regard to case (a userid whose case changes stays the same member).
    /// </summary>
    public static string Member(string tenantId, string connectorId, string userId) =>
        $"{tenantId}/{connectorId}/{userId.ToLowerInvariant()}";

    /// <summary>A WeCom department of a connector: <c>{tenant}/{connector}/{departmentId}</c>.</summary>
    public static string Department(string tenantId, string connectorId, long departmentId) =>
        string.Create(CultureInfo.InvariantCulture, $"{tenantId}/{connectorId}/{departmentId}");

    /// <summary>Splits a member or department key into tenant, connector and the last part.</summary>
    public static (string TenantId, string ConnectorId, string Id) Split(string key)
    {
        var first = key.IndexOf('/', StringComparison.Ordinal);
        var second = first < 0 ? -1 : key.IndexOf('/', first + 1);
        if (first <= 0 || second <= first + 1 || second == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a '{{tenant}}/{{connector}}/{{id}}' key.", nameof(key));
        }

        return (key[..first], key[(first + 1)..second], key[(second + 1)..]);
    }
}
