using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Grid.Abstractions.Sessions;

/// <summary>
/// Session ids, grain keys and the refresh token's layout. A refresh token reads
/// <c>{tenant}.{sessionId}.{secret}</c>: the grain it belongs to can be found from the token alone, and only the
/// secret (256 random bits) is checked, against its hash.
/// </summary>
public static class SessionKeys
{
    /// <summary>What every session id starts with.</summary>
    public const string SessionIdPrefix = "ses_";

    /// <summary>The longest refresh token Grid makes (tenant, session id and a 43-character secret), with room.</summary>
    public const int MaxRefreshTokenLength = 192;

    private static readonly SearchValues<char> SecretChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    /// <summary>A new session id: "ses_" and 32 lower-case hex digits.</summary>
    public static string NewSessionId() => SessionIdPrefix + Guid.NewGuid().ToString("N");

    /// <summary>The key of an <see cref="ISessionGrain"/>: <c>{tenant}/{sessionId}</c>.</summary>
    public static string Session(string tenantId, string sessionId) => $"{tenantId}/{sessionId}";

    /// <summary>How many <see cref="ISessionRevocationGrain"/> lists the cluster's revocations are spread over.</summary>
    public const int RevocationListCount = 16;

    /// <summary>The key of revocation list <paramref name="list"/> (0 to <see cref="RevocationListCount"/> - 1).</summary>
    public static string RevocationList(int list) => $"sessions-{list}";

    /// <summary>The list a session's revocation goes to: a stable hash of its id (FNV-1a, the same on every silo).</summary>
    public static int RevocationListOf(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var hash = 2166136261u;
        foreach (var c in sessionId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % RevocationListCount);
    }

    /// <summary>The key of an <see cref="ISmsCodeGrain"/>: <c>{tenant}/{purpose}/{normalized mobile}</c>.</summary>
    public static string SmsCode(string tenantId, SmsCodePurpose purpose, string normalizedMobile) =>
        $"{tenantId}/{purpose.ToString().ToLowerInvariant()}/{normalizedMobile}";

    /// <summary>
    /// The key of an <see cref="ISmsQuotaGrain"/>: <c>{tenant}/client/{address}</c> for one client address, or
    /// <c>{tenant}/tenant</c> for the whole tenant when <paramref name="clientAddress"/> is null.
    /// </summary>
    public static string SmsQuota(string tenantId, string? clientAddress) =>
        clientAddress is null ? $"{tenantId}/tenant" : $"{tenantId}/client/{clientAddress}";

    /// <summary>The refresh token of a session with <paramref name="secret"/> (base64url).</summary>
    public static string RefreshToken(string tenantId, string sessionId, string secret) => $"{tenantId}.{sessionId}.{secret}";

    /// <summary>Splits a refresh token into its parts; false for anything Grid did not make.</summary>
    public static bool TryParseRefreshToken(
        string? token,
        [NotNullWhen(true)] out string? tenantId,
        [NotNullWhen(true)] out string? sessionId,
        [NotNullWhen(true)] out string? secret)
    {
        tenantId = sessionId = secret = null;
        if (string.IsNullOrEmpty(token) || token.Length > MaxRefreshTokenLength)
        {
            return false;
        }

        var parts = token.Split('.');
        if (parts.Length != 3
            || !GridKeys.IsValidTenantId(parts[0])
            || !parts[1].StartsWith(SessionIdPrefix, StringComparison.Ordinal)
            || !GridKeys.IsValidId(parts[1])
            || parts[2].Length == 0
            || parts[2].AsSpan().ContainsAnyExcept(SecretChars))
        {
            return false;
        }

        (tenantId, sessionId, secret) = (parts[0], parts[1], parts[2]);
        return true;
    }
}
