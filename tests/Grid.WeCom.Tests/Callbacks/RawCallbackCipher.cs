using System.Security.Cryptography;

namespace Grid.WeCom.Tests.Callbacks;

/// <summary>
/// Plain AES-256-CBC with the scheme's key and IV, independent of the code under test: it recovers published
/// vectors' random prefixes and builds deliberately malformed plaintexts.
/// </summary>
internal static class RawCallbackCipher
{
    public static byte[] Key(string encodingAesKey) => Convert.FromBase64String(encodingAesKey + "=");

    public static byte[] Decrypt(string encodingAesKey, string base64)
    {
        using var aes = Aes.Create();
        var key = Key(encodingAesKey);
        aes.Key = key;
        return aes.DecryptCbc(Convert.FromBase64String(base64), key.AsSpan(0, 16), PaddingMode.None);
    }

    public static string Encrypt(string encodingAesKey, byte[] plaintext)
    {
        using var aes = Aes.Create();
        var key = Key(encodingAesKey);
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plaintext, key.AsSpan(0, 16), PaddingMode.None));
    }
}
