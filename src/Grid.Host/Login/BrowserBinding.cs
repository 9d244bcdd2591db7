using System.Security.Cryptography;
using System.Text;

namespace Grid.Host.Login;

/// <summary>
/// The secret that ties a login state to one browser: random, held by the browser (a cookie, or the front end's own),
/// and only its SHA-256 is kept with the state.
/// </summary>
internal static class BrowserBinding
{
    /// <summary>The longest binding accepted back (the ones made here are 43 characters).</summary>
    public const int MaxLength = 128;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new state for WeCom: 64 hexadecimal characters (WeCom allows a-z, A-Z, 0-9, at most 128).</summary>
    public static string NewState() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string binding) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(binding)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
