namespace Grid.WeCom.Callbacks;

/// <summary>An encrypted, signed passive reply to a WeCom callback.</summary>
/// <param name="Encrypt">The base64 ciphertext.</param>
/// <param name="MsgSignature">The signature over token, <paramref name="TimeStamp"/>, <paramref name="Nonce"/> and the ciphertext.</param>
/// <param name="TimeStamp">The timestamp that was signed.</param>
/// <param name="Nonce">The nonce that was signed.</param>
public sealed record EncryptedEnvelope(string Encrypt, string MsgSignature, string TimeStamp, string Nonce)
{
    /// <summary>The XML reply: <c>&lt;xml&gt;&lt;Encrypt/&gt;&lt;MsgSignature/&gt;&lt;TimeStamp/&gt;&lt;Nonce/&gt;&lt;/xml&gt;</c>.</summary>
    public string ToXml() => CallbackEnvelopeFormat.WriteXml(
        ("Encrypt", Encrypt, true),
        ("MsgSignature", MsgSignature, true),
        ("TimeStamp", TimeStamp, false),
        ("Nonce", Nonce, true));

    /// <summary>The JSON reply: <c>{"encrypt":…,"msgsignature":…,"timestamp":…,"nonce":…}</c>.</summary>
    public string ToJson() => CallbackEnvelopeFormat.WriteJson(
        ("encrypt", Encrypt),
        ("msgsignature", MsgSignature),
        ("timestamp", TimeStamp),
        ("nonce", Nonce));
}
