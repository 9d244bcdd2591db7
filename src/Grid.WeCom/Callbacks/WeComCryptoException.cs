namespace Grid.WeCom.Callbacks;

/// <summary>
/// Thrown when a WeCom callback cannot be verified, decrypted or encrypted. The message is one line, ends with the
/// numeric WeCom code, and never contains the token, the EncodingAESKey or the plaintext.
/// </summary>
public sealed class WeComCryptoException : Exception
{
    /// <summary>Creates the exception with the standard one-line description of <paramref name="error"/>.</summary>
    public WeComCryptoException(WeComCryptoError error, Exception? innerException = null)
        : base(Describe(error), innerException)
    {
        Error = error;
    }

    /// <summary>What failed, as WeCom's library code.</summary>
    public WeComCryptoError Error { get; }

    internal static string Describe(WeComCryptoError error)
    {
        var reason = error switch
        {
            WeComCryptoError.ValidateSignature => "signature does not match",
            WeComCryptoError.ParseXml => "XML envelope is malformed, too large, has a DTD or lacks <Encrypt>",
            WeComCryptoError.ComputeSignature => "signature could not be computed",
            WeComCryptoError.IllegalAesKey => "EncodingAESKey must be 43 base64 characters decoding to 32 bytes",
            WeComCryptoError.ValidateReceiveId => "receive id does not match the configured corp id",
            WeComCryptoError.EncryptAes => "AES encryption failed",
            WeComCryptoError.DecryptAes => "AES decryption failed: ciphertext length or padding is invalid",
            WeComCryptoError.IllegalBuffer => "decrypted message is truncated or its length field is invalid",
            WeComCryptoError.EncodeBase64 => "base64 encoding failed",
            WeComCryptoError.DecodeBase64 => "ciphertext is not valid base64",
            WeComCryptoError.ParseJson => "JSON envelope is malformed, too large or lacks \"encrypt\"",
            _ => "callback crypto failed",
        };
        return $"{reason} ({(int)error})";
    }
}
