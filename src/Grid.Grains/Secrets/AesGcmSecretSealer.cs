using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Secrets;

/// <summary>
/// AES-256-GCM sealing. Format: <c>v1.{keyId}.{base64url(nonce ‖ ciphertext ‖ tag)}</c>, where keyId is the first
/// 8 hex digits of SHA-256 of the key (so no key id has to be configured) and the context is the associated data.
/// </summary>
public sealed class AesGcmSecretSealer : ISecretSealer
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly string _currentKeyId;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public AesGcmSecretSealer(IOptions<SecretsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (value.MasterKey is null || !SecretsOptionsValidator.IsKey(value.MasterKey))
        {
            throw new OptionsValidationException(
                SecretsOptions.SectionName,
                typeof(SecretsOptions),
                [$"{SecretsOptions.SectionName}:MasterKey must be base64 of exactly 32 bytes."]);
        }

        _currentKeyId = AddKey(value.MasterKey);
        foreach (var retired in value.RetiredKeys)
        {
            AddKey(retired);
        }
    }

    public string Seal(string plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(context);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_keys[_currentKeyId], TagSize))
        {
            aes.Encrypt(
                nonce,
                plain,
                sealedBytes.AsSpan(NonceSize, plain.Length),
                sealedBytes.AsSpan(NonceSize + plain.Length),
                Encoding.UTF8.GetBytes(context));
        }

        CryptographicOperations.ZeroMemory(plain);
        return $"{Version}.{_currentKeyId}.{Base64Url.EncodeToString(sealedBytes)}";
    }

    public string Unseal(string sealedValue, string context)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        ArgumentNullException.ThrowIfNull(context);
        var parts = sealedValue.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("The value is not a sealed secret.");
        }

        if (!_keys.TryGetValue(parts[1], out var key))
        {
            // The operator's to fix (a silo started with another master key than its data's), not a damaged value.
            throw GridException.Precondition(
                $"a stored secret was sealed with master key {parts[1]}, which this silo has neither as "
                + $"{SecretsOptions.SectionName}:MasterKey nor among {SecretsOptions.SectionName}:RetiredKeys: start the "
                + "silo with the master key the data was sealed with, or add that key to the retired keys");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("The sealed secret is damaged.", ex);
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed secret is damaged.");
        }

        var cipherLength = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            sealedBytes.AsSpan(0, NonceSize),
            sealedBytes.AsSpan(NonceSize, cipherLength),
            sealedBytes.AsSpan(NonceSize + cipherLength),
            plain,
            Encoding.UTF8.GetBytes(context));
        var text = Encoding.UTF8.GetString(plain);
        CryptographicOperations.ZeroMemory(plain);
        return text;
    }

    public bool IsSealedWithCurrentKey(string sealedValue) =>
        sealedValue is not null
        && sealedValue.StartsWith($"{Version}.{_currentKeyId}.", StringComparison.Ordinal);

    private string AddKey(string base64)
    {
        var key = Convert.FromBase64String(base64.Trim());
        var id = Convert.ToHexStringLower(SHA256.HashData(key))[..8];
        _keys.TryAdd(id, key);
        return id;
    }
}
