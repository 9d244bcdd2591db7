using System.Globalization;

namespace Grid.Abstractions.Sync;

/// <summary>
/// Grain keys of the sync grains below a connector (the coordinator's key is <see cref="GridKeys.Connector"/>).
/// WeCom userids contain no '/' (letters, digits and <c>_-@.</c>), so these keys split unambiguously.
/// </summary>
public static class SyncKeys
{
    /// <summary>A WeCom member of a connector: <c>{tenant}/{connector}/{userid}</c>.</summary>
    public static string Member(string tenantId, string connectorId, string userId) => $"{tenantId}/{connectorId}/{userId}";

    /// <summary>A WeCom department of a connector: <c>{tenant}/{connector}/{departmentId}</c>.</summary>
    public static string Department(string tenantId, string connectorId, long departmentId) =>
        $"{tenantId}/{connectorId}/{departmentId.ToString(CultureInfo.InvariantCulture)}";
}
