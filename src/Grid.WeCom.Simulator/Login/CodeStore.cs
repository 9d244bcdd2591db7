using System.Security.Cryptography;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Login;

/// <summary>OAuth/QR codes: usable once, for a limited time (5 minutes by default).</summary>
internal sealed class CodeStore(TimeProvider time, TimeSpan lifetime)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (LoginCode Code, bool Used)> _codes = new(StringComparer.Ordinal);

    public LoginCode Issue(string corpId, int? agentId, string? userId, string? openId, string scope, string redirectAuthority, SensitiveFields consent)
    {
        var code = new LoginCode(NewCode(), corpId, agentId, userId, openId, scope, redirectAuthority, time.GetUtcNow(), consent);
        lock (_gate)
        {
            _codes[code.Code] = (code, false);
        }

        return code;
    }

    /// <summary>The code when it exists, is unused and unexpired; otherwise null (40029).</summary>
    public LoginCode? Find(string code)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _codes.TryGetValue(code, out var entry) && !entry.Used && entry.Code.IssuedAt + lifetime > now ? entry.Code : null;
        }
    }

    /// <summary>Marks the code used; false when it was used (or expired) in the meantime.</summary>
    public bool TryConsume(string code)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_codes.TryGetValue(code, out var entry) || entry.Used || entry.Code.IssuedAt + lifetime <= now)
            {
                return false;
            }

            _codes[code] = (entry.Code, true);
            return true;
        }
    }

    // Shaped like WeCom's codes (e.g. "AAAAAAgG333qs9EdaPbCAP1VaOrjuNkiAZHTWgaWsZQ"): 43 URL-safe characters.
    private static string NewCode() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
