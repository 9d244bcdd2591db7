using System.Security.Cryptography;

namespace Grid.WeCom.Simulator.Api;

/// <summary>
/// access_tokens per (corp, app): the same token while it is valid (WeCom's older documentation: "有效期内重复获取
/// 返回相同结果"), a new one after expiry or revocation. Expired tokens answer 42001, revoked or unknown ones 40014.
/// </summary>
internal sealed class TokenStore(TimeProvider time, TimeSpan lifetime)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IssuedToken> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<(string CorpId, int AgentId), IssuedToken> _current = [];

    /// <summary>The current token and its remaining seconds, issuing a new one when needed.</summary>
    public (string Token, int ExpiresIn) Issue(string corpId, int agentId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_current.TryGetValue((corpId, agentId), out var current) && !current.Revoked && current.ExpiresAt > now)
            {
                // The remaining lifetime, so that a client caching by expires_in never holds an expired token.
                return (current.Token, (int)Math.Ceiling((current.ExpiresAt - now).TotalSeconds));
            }

            var issued = new IssuedToken(NewToken(), corpId, agentId, now + lifetime);
            _byToken[issued.Token] = issued;
            _current[(corpId, agentId)] = issued;
            return (issued.Token, (int)lifetime.TotalSeconds);
        }
    }

    /// <summary>0 and the token's owner, or 40014 (unknown, revoked) or 42001 (expired).</summary>
    public (int ErrCode, IssuedToken? Token) Validate(string token)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_byToken.TryGetValue(token, out var issued) || issued.Revoked)
            {
                return (WeComErrors.InvalidAccessToken, null);
            }

            return issued.ExpiresAt <= now ? (WeComErrors.AccessTokenExpired, null) : (WeComErrors.Ok, issued);
        }
    }

    /// <summary>Revokes the app's current token (WeCom may invalidate tokens early); returns whether there was one.</summary>
    public bool Revoke(string corpId, int agentId)
    {
        lock (_gate)
        {
            if (!_current.Remove((corpId, agentId), out var current))
            {
                return false;
            }

            current.Revoked = true;
            return true;
        }
    }

    // Real tokens are long opaque strings of letters, digits, '-' and '_' (up to 512 bytes).
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    internal sealed class IssuedToken(string token, string corpId, int agentId, DateTimeOffset expiresAt)
    {
        public string Token { get; } = token;

        public string CorpId { get; } = corpId;

        public int AgentId { get; } = agentId;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public bool Revoked { get; set; }
    }
}
