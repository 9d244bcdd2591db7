using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions.Directory;

namespace Grid.Abstractions;

/// <summary>
/// Grain keys and ids. Every key starts with the tenant id; the parts are joined with '/'. Tenant ids, account ids,
/// organization ids and connector ids never contain '/', so a key splits unambiguously from the left.
/// </summary>
public static class GridKeys
{
    /// <summary>The id of the root organization that every tenant gets when it is created.</summary>
    public const string RootOrganizationId = "org_root";

    /// <summary>The longest tenant id (a DNS label).</summary>
    public const int MaxTenantIdLength = 63;

    /// <summary>The longest account, organization or run id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The longest connector id.</summary>
    public const int MaxConnectorIdLength = 40;

    /// <summary>The longest service client id (<c>gc_{tenant}_{random}</c>, or the configured bootstrap id).</summary>
    public const int MaxClientIdLength = 128;

    /// <summary>The longest WeCom userid (WeCom: 1-64 bytes).</summary>
    public const int MaxWeComUserIdLength = 64;

    /// <summary>
    /// What every account id Grid makes starts with: the prefix tells an account id from an organization id wherever
    /// an id is seen (logs, APIs, support tickets).
    /// </summary>
    public const string AccountIdPrefix = "acc_";

    /// <summary>What every organization id Grid makes starts with (see <see cref="AccountIdPrefix"/>).</summary>
    public const string OrganizationIdPrefix = "org_";

    private static readonly SearchValues<char> TenantChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    private static readonly SearchValues<char> IdChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.");

    // WeCom's rule for userids: digits, letters and "_-@.".
    private static readonly SearchValues<char> WeComUserIdChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-@.");

    /// <summary>Whether <paramref name="tenantId"/> is 1..63 characters of a-z, 0-9 and '-'.</summary>
    public static bool IsValidTenantId(string? tenantId) =>
        !string.IsNullOrEmpty(tenantId)
        && tenantId.Length <= MaxTenantIdLength
        && !tenantId.AsSpan().ContainsAnyExcept(TenantChars);

    /// <summary>
    /// Whether <paramref name="id"/> is 1..64 characters of letters, digits, '_', '-' and '.', and not dots alone
    /// (<c>.</c> and <c>..</c> read as paths wherever an id becomes part of one).
    /// </summary>
    public static bool IsValidId(string? id) => IsIdOf(id, MaxIdLength, IdChars);

    /// <summary>Whether <paramref name="connectorId"/> is 1..40 characters of a-z, 0-9 and '-' (admin.proto).</summary>
    public static bool IsValidConnectorId(string? connectorId) =>
        !string.IsNullOrEmpty(connectorId)
        && connectorId.Length <= MaxConnectorIdLength
        && !connectorId.AsSpan().ContainsAnyExcept(TenantChars);

    /// <summary>Whether <paramref name="clientId"/> is 1..128 characters of letters, digits, '_', '-' and '.', not dots alone.</summary>
    public static bool IsValidClientId(string? clientId) => IsIdOf(clientId, MaxClientIdLength, IdChars);

    /// <summary>Whether <paramref name="userId"/> is a WeCom userid: 1..64 characters of letters, digits, '_', '-', '@' and '.'.</summary>
    public static bool IsValidWeComUserId(string? userId) => IsIdOf(userId, MaxWeComUserIdLength, WeComUserIdChars);

    /// <summary>Throws an invalid-argument <see cref="GridException"/> naming <c>tenant_id</c> unless the id is valid.</summary>
    public static void ValidateTenantId(string? tenantId)
    {
        if (!IsValidTenantId(tenantId))
        {
            throw GridException.Invalid(
                "tenant_id", $"'{SafeText.Echo(tenantId)}' is not a tenant id (1..63 characters of a-z, 0-9 and '-')");
        }
    }

    /// <summary>Throws an invalid-argument <see cref="GridException"/> naming <paramref name="field"/> unless the id is valid.</summary>
    public static void ValidateId(string? id, string field)
    {
        if (!IsValidId(id))
        {
            throw GridException.Invalid(
                field, $"'{SafeText.Echo(id)}' is not an id (1..64 characters of letters, digits, '_', '-' and '.', not only dots)");
        }
    }

    /// <summary>Throws an invalid-argument <see cref="GridException"/> naming <c>connector_id</c> unless the id is valid.</summary>
    public static void ValidateConnectorId(string? connectorId)
    {
        if (!IsValidConnectorId(connectorId))
        {
            throw GridException.Invalid(
                "connector_id", $"'{SafeText.Echo(connectorId)}' is not a connector id (1..40 characters of a-z, 0-9 and '-')");
        }
    }

    private static bool IsIdOf(string? id, int maxLength, SearchValues<char> allowed) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= maxLength
        && !id.AsSpan().ContainsAnyExcept(allowed)
        && id.AsSpan().ContainsAnyExcept('.');

    /// <summary>A new account id: "acc_" and 32 lower-case hex digits.</summary>
    public static string NewAccountId() => AccountIdPrefix + Guid.NewGuid().ToString("N");

    /// <summary>A new organization id: "org_" and 32 lower-case hex digits.</summary>
    public static string NewOrganizationId() => OrganizationIdPrefix + Guid.NewGuid().ToString("N");

    /// <summary>The key of an <c>ITenantGrain</c> (and of the tenant's change feed and audit log): the tenant id.</summary>
    public static string Tenant(string tenantId) => tenantId;

    /// <summary>The key of an <c>IAccountGrain</c>: <c>{tenant}/{accountId}</c>.</summary>
    public static string Account(string tenantId, string accountId) => $"{tenantId}/{accountId}";

    /// <summary>
    /// The key of the <c>IPasswordSignInGrain</c> that counts the failures of a login naming no account:
    /// <c>{tenant}/login_{SHA-256 of the trimmed, lower-cased login}</c> (what was typed is not kept; it may be a
    /// mistyped password). It cannot be an account's key, whose ids start with "acc_".
    /// </summary>
    public static string UnknownLogin(string tenantId, string login)
    {
        ArgumentNullException.ThrowIfNull(login);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(login.Trim().ToLowerInvariant()));
        return $"{tenantId}/login_{Convert.ToHexStringLower(hash)}";
    }

    /// <summary>The key of an <c>IOrganizationGrain</c>: <c>{tenant}/{organizationId}</c>.</summary>
    public static string Organization(string tenantId, string organizationId) => $"{tenantId}/{organizationId}";

    /// <summary>The key of an <c>IWeComConnectorGrain</c> or <c>ISyncCoordinatorGrain</c>: <c>{tenant}/{connectorId}</c>.</summary>
    public static string Connector(string tenantId, string connectorId) => $"{tenantId}/{connectorId}";

    /// <summary>
    /// The key of an <c>IUniqueIndexGrain</c>: <c>{tenant}/{field}/{normalized value}</c>, or null when the raw value
    /// normalizes to nothing (see <see cref="UniqueValues.Normalize"/>).
    /// </summary>
    public static string? UniqueIndex(string tenantId, UniqueField field, string? rawValue)
    {
        var normalized = UniqueValues.Normalize(field, rawValue);
        return normalized is null ? null : UniqueIndexForNormalized(tenantId, field, normalized);
    }

    /// <summary>The key of an <c>IUniqueIndexGrain</c> for an already normalized value.</summary>
    public static string UniqueIndexForNormalized(string tenantId, UniqueField field, string normalizedValue) =>
        $"{tenantId}/{UniqueValues.FieldName(field)}/{normalizedValue}";

    /// <summary>Splits a key of the form <c>{tenant}/{remainder}</c>; throws when the key has no tenant part.</summary>
    public static (string TenantId, string Remainder) SplitTenant(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a tenant-scoped key ({{tenant}}/...)", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}
