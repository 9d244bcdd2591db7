namespace Grid.WeCom.Callbacks;

/// <summary>
/// Failure codes of WeCom's callback crypto library (WXBizMsgCrypt), kept numerically identical so that
/// diagnostics can be compared with WeCom's own SDKs and documentation.
/// </summary>
public enum WeComCryptoError
{
    /// <summary>The <c>msg_signature</c> does not match the token, timestamp, nonce and ciphertext.</summary>
    ValidateSignature = -40001,

    /// <summary>The XML envelope is malformed, too large, contains a DTD, or lacks an <c>Encrypt</c> element.</summary>
    ParseXml = -40002,

    /// <summary>The signature could not be computed.</summary>
    ComputeSignature = -40003,

    /// <summary>The EncodingAESKey is not 43 base64 characters decoding to 32 bytes.</summary>
    IllegalAesKey = -40004,

    /// <summary>The receive id inside the plaintext is not the configured one (corp id or suite id).</summary>
    ValidateReceiveId = -40005,

    /// <summary>AES encryption failed.</summary>
    EncryptAes = -40006,

    /// <summary>AES decryption failed: the ciphertext is not whole blocks or its padding is invalid.</summary>
    DecryptAes = -40007,

    /// <summary>The decrypted buffer is too short, its length field is out of range, or it is not UTF-8.</summary>
    IllegalBuffer = -40008,

    /// <summary>Base64 encoding failed.</summary>
    EncodeBase64 = -40009,

    /// <summary>The ciphertext is not valid base64.</summary>
    DecodeBase64 = -40010,

    /// <summary>The JSON envelope is malformed, too large, or lacks an <c>encrypt</c> member.</summary>
    ParseJson = -40012,
}
