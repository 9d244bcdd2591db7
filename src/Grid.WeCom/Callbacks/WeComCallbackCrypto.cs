using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Grid.WeCom.Callbacks;

/// <summary>
/// WeCom's callback encryption scheme (WXBizMsgCrypt): SHA-1 signatures over the sorted token, timestamp, nonce and
/// ciphertext, and AES-256-CBC over <c>random(16) | length(4, big-endian, UTF-8 bytes) | message | receive id</c>
/// padded with PKCS#7 to a multiple of 32 bytes. One instance serves one callback configuration and is thread-safe.
/// </summary>
public sealed class WeComCallbackCrypto
{
    /// <summary>Largest callback body (in characters) that <see cref="DecryptEnvelope"/> accepts.</summary>
    public const int MaxEnvelopeChars = 1024 * 1024;

    /// <summary>Number of random bytes that prefix every plaintext.</summary>
    public const int RandomLength = 16;

    private const int EncodingAesKeyLength = 43;
    private const int AesKeyLength = 32;
    private const int PadBlockSize = 32;
    private const int LengthFieldSize = 4;
    private const int HeaderLength = RandomLength + LengthFieldSize;

    private static readonly SearchValues<char> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _receiveId;

    /// <param name="token">The callback Token configured in WeCom.</param>
    /// <param name="encodingAesKey">The 43-character EncodingAESKey configured in WeCom.</param>
    /// <param name="receiveId">The corp id for self-built apps (suite id for third-party apps, empty for personal ones).</param>
    /// <exception cref="WeComCryptoException"><see cref="WeComCryptoError.IllegalAesKey"/> when the key is malformed.</exception>
    public WeComCallbackCrypto(string token, string encodingAesKey, string receiveId)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(encodingAesKey);
        ArgumentNullException.ThrowIfNull(receiveId);
        _token = token;
        _key = DecodeKey(encodingAesKey);
        _receiveId = StrictUtf8.GetBytes(receiveId);
    }

    /// <summary>Verifies a URL-verification GET and returns the decrypted <c>echostr</c> to answer with.</summary>
    /// <exception cref="WeComCryptoException">The signature, ciphertext or receive id is invalid.</exception>
    public string VerifyUrl(string msgSignature, string timestamp, string nonce, string echostr) =>
        Decrypt(msgSignature, timestamp, nonce, echostr);

    /// <summary>Verifies the signature over <paramref name="encrypted"/>, then decrypts it.</summary>
    /// <exception cref="WeComCryptoException">The signature, ciphertext or receive id is invalid.</exception>
    public string Decrypt(string msgSignature, string timestamp, string nonce, string encrypted)
    {
        ArgumentNullException.ThrowIfNull(msgSignature);
        ValidateSignature(msgSignature, timestamp, nonce, encrypted);
        return DecryptVerified(encrypted);
    }

    /// <summary>
    /// Reads the ciphertext out of a callback POST body, either XML (<c>&lt;xml&gt;&lt;Encrypt&gt;</c>) or JSON
    /// (an <c>encrypt</c> member, any letter case), then verifies and decrypts it like <see cref="Decrypt"/>.
    /// </summary>
    /// <exception cref="WeComCryptoException">
    /// <see cref="WeComCryptoError.ParseXml"/> or <see cref="WeComCryptoError.ParseJson"/> for an unreadable,
    /// oversized or DTD-bearing body; otherwise as <see cref="Decrypt"/>.
    /// </exception>
    public string DecryptEnvelope(string msgSignature, string timestamp, string nonce, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var encrypted = CallbackEnvelopeFormat.ReadEncrypt(body, MaxEnvelopeChars);
        return Decrypt(msgSignature, timestamp, nonce, encrypted);
    }

    /// <summary>Encrypts <paramref name="plaintext"/> with a fresh random prefix and returns the base64 ciphertext.</summary>
    public string Encrypt(string plaintext)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        return Encrypt(plaintext, random);
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> with the given 16-byte prefix. Deterministic: meant for tests and for
    /// reproducing published vectors; production code uses <see cref="Encrypt(string)"/>.
    /// </summary>
    public string Encrypt(string plaintext, ReadOnlySpan<byte> random16)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (random16.Length != RandomLength)
        {
            throw new ArgumentException($"The random prefix must be exactly {RandomLength} bytes.", nameof(random16));
        }

        var messageLength = StrictUtf8.GetByteCount(plaintext);
        var contentLength = HeaderLength + messageLength + _receiveId.Length;
        var padLength = PadBlockSize - (contentLength % PadBlockSize);
        var buffer = new byte[contentLength + padLength];

        random16.CopyTo(buffer);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(RandomLength), (uint)messageLength);
        StrictUtf8.GetBytes(plaintext, buffer.AsSpan(HeaderLength));
        _receiveId.CopyTo(buffer.AsSpan(HeaderLength + messageLength));
        buffer.AsSpan(contentLength).Fill((byte)padLength);

        try
        {
            using var aes = CreateAes();
            return Convert.ToBase64String(aes.EncryptCbc(buffer, _key.AsSpan(0, 16), PaddingMode.None));
        }
        catch (CryptographicException exception)
        {
            throw new WeComCryptoException(WeComCryptoError.EncryptAes, exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>
    /// The <c>msg_signature</c> for a ciphertext: lower-case hex SHA-1 of the ordinal-sorted concatenation of the
    /// token, <paramref name="timestamp"/>, <paramref name="nonce"/> and <paramref name="encrypted"/>.
    /// </summary>
    public string Sign(string timestamp, string nonce, string encrypted)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encrypted);

        string[] parts = [_token, timestamp, nonce, encrypted];
        Array.Sort(parts, StringComparer.Ordinal);
        // CA5350: SHA-1 is not our choice; WeCom's callback protocol defines msg_signature as SHA-1.
#pragma warning disable CA5350
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts)));
#pragma warning restore CA5350
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Encrypts a passive reply and signs it, ready to be written with <see cref="EncryptedEnvelope.ToXml"/>.</summary>
    public EncryptedEnvelope EncryptEnvelope(string plaintext, string timestamp, string nonce)
    {
        var encrypted = Encrypt(plaintext);
        return new EncryptedEnvelope(encrypted, Sign(timestamp, nonce, encrypted), timestamp, nonce);
    }

    /// <summary>
    /// The XML body WeCom POSTs to a callback URL:
    /// <c>&lt;xml&gt;&lt;ToUserName/&gt;&lt;AgentID/&gt;&lt;Encrypt/&gt;&lt;/xml&gt;</c>.
    /// </summary>
    public static string CreateXmlCallbackBody(string toUserName, string agentId, string encrypted)
    {
        ArgumentNullException.ThrowIfNull(toUserName);
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(encrypted);
        return CallbackEnvelopeFormat.WriteXml(
            ("ToUserName", toUserName, true),
            ("AgentID", agentId, true),
            ("Encrypt", encrypted, true));
    }

    /// <summary>The JSON body WeCom POSTs in JSON mode: <c>{"tousername":…,"encrypt":…,"agentid":…}</c>.</summary>
    public static string CreateJsonCallbackBody(string toUserName, string agentId, string encrypted)
    {
        ArgumentNullException.ThrowIfNull(toUserName);
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(encrypted);
        return CallbackEnvelopeFormat.WriteJson(("tousername", toUserName), ("encrypt", encrypted), ("agentid", agentId));
    }

    private void ValidateSignature(string msgSignature, string timestamp, string nonce, string encrypted)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(timestamp, nonce, encrypted));
        var actual = Encoding.ASCII.GetBytes(msgSignature.ToLowerInvariant());
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            throw new WeComCryptoException(WeComCryptoError.ValidateSignature);
        }
    }

    private string DecryptVerified(string encrypted)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException exception)
        {
            throw new WeComCryptoException(WeComCryptoError.DecodeBase64, exception);
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            throw new WeComCryptoException(WeComCryptoError.DecryptAes);
        }

        byte[] plain;
        try
        {
            using var aes = CreateAes();
            plain = aes.DecryptCbc(cipher, _key.AsSpan(0, 16), PaddingMode.None);
        }
        catch (CryptographicException exception)
        {
            throw new WeComCryptoException(WeComCryptoError.DecryptAes, exception);
        }

        try
        {
            return ParsePlaintext(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private string ParsePlaintext(ReadOnlySpan<byte> plain)
    {
        // PKCS#7 over 32-byte blocks: .NET's PaddingMode.PKCS7 assumes the 16-byte AES block and rejects pads > 16.
        int pad = plain[^1];
        if (pad is < 1 or > PadBlockSize || pad > plain.Length || plain[^pad..].ContainsAnyExcept((byte)pad))
        {
            throw new WeComCryptoException(WeComCryptoError.DecryptAes);
        }

        var content = plain[..^pad];
        if (content.Length < HeaderLength)
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer);
        }

        var messageLength = BinaryPrimitives.ReadUInt32BigEndian(content[RandomLength..]);
        if (messageLength > (uint)(content.Length - HeaderLength))
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer);
        }

        var message = content.Slice(HeaderLength, (int)messageLength);
        var receiveId = content[(HeaderLength + (int)messageLength)..];
        if (!receiveId.SequenceEqual(_receiveId))
        {
            throw new WeComCryptoException(WeComCryptoError.ValidateReceiveId);
        }

        try
        {
            return StrictUtf8.GetString(message);
        }
        catch (DecoderFallbackException exception)
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer, exception);
        }
    }

    private Aes CreateAes()
    {
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }

    private static byte[] DecodeKey(string encodingAesKey)
    {
        if (encodingAesKey.Length != EncodingAesKeyLength || encodingAesKey.AsSpan().ContainsAnyExcept(Base64Alphabet))
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalAesKey);
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(encodingAesKey + "=");
        }
        catch (FormatException exception)
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalAesKey, exception);
        }

        return key.Length == AesKeyLength ? key : throw new WeComCryptoException(WeComCryptoError.IllegalAesKey);
    }
}
