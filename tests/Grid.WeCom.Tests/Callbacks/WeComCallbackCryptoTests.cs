using System.Buffers.Binary;
using System.Text;
using Grid.WeCom.Callbacks;

namespace Grid.WeCom.Tests.Callbacks;

public sealed class WeComCallbackCryptoTests
{
    private const string Token = "QDG6eK";
    private const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string OtherAesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    private const string CorpId = "wx5823bf96d3bd56c7";
    private const string Timestamp = "1409659813";
    private const string Nonce = "1372623149";

    private static readonly WeComCallbackCrypto Crypto = new(Token, AesKey, CorpId);

    [Theory]
    [MemberData(nameof(CryptVector.PositiveIds), MemberType = typeof(CryptVector))]
    public void Decrypt_PublishedVector_ReturnsExpectedPlaintext(string id)
    {
        var vector = CryptVector.Get(id);
        var crypto = ForVector(vector);

        var plaintext = vector.IsUrlVerification
            ? crypto.VerifyUrl(vector.MsgSignature, vector.Timestamp, vector.Nonce, vector.EchostrOrEncrypt)
            : crypto.Decrypt(vector.MsgSignature, vector.Timestamp, vector.Nonce, vector.EchostrOrEncrypt);

        Assert.Equal(vector.ExpectedPlaintext, plaintext);
    }

    [Theory]
    [MemberData(nameof(CryptVector.PositiveIdsWithPostBody), MemberType = typeof(CryptVector))]
    public void DecryptEnvelope_PublishedPostBody_ReturnsExpectedPlaintext(string id)
    {
        var vector = CryptVector.Get(id);

        var plaintext = ForVector(vector).DecryptEnvelope(vector.MsgSignature, vector.Timestamp, vector.Nonce, vector.PostBody!);

        Assert.Equal(vector.ExpectedPlaintext, plaintext);
    }

    [Theory]
    [MemberData(nameof(CryptVector.PositiveIds), MemberType = typeof(CryptVector))]
    public void Sign_PublishedVector_ReproducesMsgSignature(string id)
    {
        var vector = CryptVector.Get(id);

        var signature = ForVector(vector).Sign(vector.Timestamp, vector.Nonce, vector.EchostrOrEncrypt);

        Assert.Equal(vector.MsgSignature, signature);
    }

    [Theory]
    [MemberData(nameof(CryptVector.PositiveIds), MemberType = typeof(CryptVector))]
    public void Encrypt_WithPublishedVectorsRandomPrefix_ReproducesCiphertextBitExactly(string id)
    {
        var vector = CryptVector.Get(id);
        var random16 = RawCallbackCipher.Decrypt(vector.EncodingAesKey, vector.EchostrOrEncrypt)[..16];

        var ciphertext = ForVector(vector).Encrypt(vector.ExpectedPlaintext, random16);

        Assert.Equal(vector.EchostrOrEncrypt, ciphertext);
    }

    [Theory]
    [MemberData(nameof(CryptVector.NegativeIds), MemberType = typeof(CryptVector))]
    public void Decrypt_NegativeVector_ThrowsValidateSignature(string id)
    {
        var vector = CryptVector.Get(id);

        var exception = Assert.Throws<WeComCryptoException>(
            () => ForVector(vector).Decrypt(vector.MsgSignature, vector.Timestamp, vector.Nonce, vector.EchostrOrEncrypt));

        Assert.Equal(WeComCryptoError.ValidateSignature, exception.Error);
        Assert.Equal("signature does not match (-40001)", exception.Message);
    }

    [Fact]
    public void Decrypt_NegativeVectorWithItsCorrectSignature_ReturnsItsPlaintext()
    {
        // The vector's ciphertext is sound; only its signature belongs to another ciphertext.
        var vector = CryptVector.Get("NEGATIVE_php_json_comment");
        var crypto = ForVector(vector);

        var plaintext = crypto.Decrypt(
            "cf98808c142bc21a6a5c6baae8dbebfa813394c9", vector.Timestamp, vector.Nonce, vector.EchostrOrEncrypt);

        Assert.Equal(vector.ExpectedPlaintext, plaintext);
    }

    [Fact]
    public void VerifyUrl_EchostrFromUrlEncodedQuery_DecryptsAfterPercentDecoding()
    {
        var vector = CryptVector.Get("classic_verifyurl");
        const string encoded = "P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D";

        var plaintext = ForVector(vector).VerifyUrl(
            vector.MsgSignature, vector.Timestamp, vector.Nonce, Uri.UnescapeDataString(encoded));

        Assert.Equal("1616140317555161061", plaintext);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("你好，企业微信！<xml><Content><![CDATA[变更]]></Content></xml>")]
    [InlineData("emoji 🎉 and a lone ascii tail")]
    public void EncryptThenDecrypt_RoundTripsText(string plaintext)
    {
        var encrypted = Crypto.Encrypt(plaintext);

        var decrypted = Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted);

        Assert.Equal(plaintext, decrypted);
    }

    [Fact]
    public void Encrypt_WhenContentIsBlockAligned_AddsAWholePaddingBlockAndRoundTrips()
    {
        // 16 random + 4 length + message + 18-byte corp id = 64 bytes: already aligned, so 32 bytes of padding follow.
        var plaintext = new string('a', 64 - 16 - 4 - CorpId.Length);

        var encrypted = Crypto.Encrypt(plaintext);

        Assert.Equal(96, Convert.FromBase64String(encrypted).Length);
        Assert.Equal(32, RawCallbackCipher.Decrypt(AesKey, encrypted)[^1]);
        Assert.Equal(plaintext, Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted));
    }

    [Fact]
    public void Encrypt_WithBinaryRandomPrefix_RoundTripsAndKeepsThePrefix()
    {
        byte[] random16 = [0x00, 0xFF, 0x80, 0x0A, 0x0D, 0x3C, 0xC3, 0x28, 0xFE, 0x01, 0x7F, 0xE2, 0x82, 0x00, 0x20, 0x9F];

        var encrypted = Crypto.Encrypt("hello", random16);

        Assert.Equal(random16, RawCallbackCipher.Decrypt(AesKey, encrypted)[..16]);
        Assert.Equal("hello", Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted));
    }

    [Fact]
    public void Encrypt_TwiceWithTheSameText_UsesFreshRandomPrefixes()
    {
        Assert.NotEqual(Crypto.Encrypt("same"), Crypto.Encrypt("same"));
    }

    [Fact]
    public void Encrypt_WhenRandomPrefixIsNotSixteenBytes_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Crypto.Encrypt("x", new byte[15]));
    }

    [Fact]
    public void Decrypt_WhenSignatureIsUpperCaseHex_Accepts()
    {
        var encrypted = Crypto.Encrypt("case");

        var plaintext = Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, encrypted).ToUpperInvariant(), Timestamp, Nonce, encrypted);

        Assert.Equal("case", plaintext);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000")]
    [InlineData("")]
    [InlineData("not-a-signature")]
    public void Decrypt_WhenSignatureIsWrong_ThrowsValidateSignature(string signature)
    {
        var encrypted = Crypto.Encrypt("secret payload");

        AssertCryptoError(WeComCryptoError.ValidateSignature, () => Crypto.Decrypt(signature, Timestamp, Nonce, encrypted));
    }

    [Theory]
    [InlineData("1409659814", Nonce)]
    [InlineData(Timestamp, "1372623150")]
    public void Decrypt_WhenTimestampOrNonceDifferFromTheSignedOnes_ThrowsValidateSignature(string timestamp, string nonce)
    {
        var encrypted = Crypto.Encrypt("payload");
        var signature = Crypto.Sign(Timestamp, Nonce, encrypted);

        AssertCryptoError(WeComCryptoError.ValidateSignature, () => Crypto.Decrypt(signature, timestamp, nonce, encrypted));
    }

    [Fact]
    public void Decrypt_WhenCiphertextIsTamperedWithoutResigning_ThrowsValidateSignature()
    {
        var encrypted = Crypto.Encrypt("payload");
        var signature = Crypto.Sign(Timestamp, Nonce, encrypted);
        var bytes = Convert.FromBase64String(encrypted);
        bytes[5] ^= 0x01;

        AssertCryptoError(
            WeComCryptoError.ValidateSignature,
            () => Crypto.Decrypt(signature, Timestamp, Nonce, Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void Decrypt_WhenTamperedCiphertextIsResignedWithTheToken_FailsToDecrypt()
    {
        // Flipping a bit in the second-to-last block flips the same bit of the last padding byte.
        var encrypted = Crypto.Encrypt("payload", new byte[16]);
        var bytes = Convert.FromBase64String(encrypted);
        bytes[^17] ^= 0x40;
        var tampered = Convert.ToBase64String(bytes);

        AssertCryptoError(
            WeComCryptoError.DecryptAes,
            () => Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, tampered), Timestamp, Nonce, tampered));
    }

    [Fact]
    public void Decrypt_WhenEncryptedWithAnotherKey_ThrowsDecryptionError()
    {
        var other = new WeComCallbackCrypto(Token, OtherAesKey, CorpId);
        var encrypted = other.Encrypt("payload", new byte[16]);

        var exception = Assert.Throws<WeComCryptoException>(
            () => Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted));

        Assert.Contains(exception.Error, new[] { WeComCryptoError.DecryptAes, WeComCryptoError.IllegalBuffer });
    }

    [Fact]
    public void Decrypt_WhenReceiveIdDiffers_ThrowsValidateReceiveId()
    {
        var sender = new WeComCallbackCrypto(Token, AesKey, "ww-some-other-corp");
        var encrypted = sender.Encrypt("payload");

        AssertCryptoError(
            WeComCryptoError.ValidateReceiveId,
            () => Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted));
    }

    [Fact]
    public void Decrypt_WhenReceiveIdDiffersOnlyInCase_ThrowsValidateReceiveId()
    {
        var sender = new WeComCallbackCrypto(Token, AesKey, CorpId.ToUpperInvariant());
        var encrypted = sender.Encrypt("payload");

        AssertCryptoError(
            WeComCryptoError.ValidateReceiveId,
            () => Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(255)]
    public void Decrypt_WhenPadByteIsOutOfRange_ThrowsDecryptAes(byte padByte)
    {
        var plain = Plaintext("payload", CorpId);
        plain[^1] = padByte;

        AssertDecryptFails(WeComCryptoError.DecryptAes, RawCallbackCipher.Encrypt(AesKey, plain));
    }

    [Fact]
    public void Decrypt_WhenPadBytesAreInconsistent_ThrowsDecryptAes()
    {
        var plain = Plaintext("payload", CorpId);
        var pad = plain[^1];
        plain[^pad] ^= 0x01;

        AssertDecryptFails(WeComCryptoError.DecryptAes, RawCallbackCipher.Encrypt(AesKey, plain));
    }

    [Fact]
    public void Decrypt_WhenCiphertextIsNotWholeBlocks_ThrowsDecryptAes()
    {
        AssertDecryptFails(WeComCryptoError.DecryptAes, Convert.ToBase64String(new byte[40]));
    }

    [Fact]
    public void Decrypt_WhenLengthFieldExceedsTheBuffer_ThrowsIllegalBuffer()
    {
        var plain = Plaintext("payload", CorpId);
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(16), 1000);

        AssertDecryptFails(WeComCryptoError.IllegalBuffer, RawCallbackCipher.Encrypt(AesKey, plain));
    }

    [Fact]
    public void Decrypt_WhenPlaintextIsShorterThanTheHeader_ThrowsIllegalBuffer()
    {
        var plain = new byte[32];
        plain.AsSpan(12).Fill(20);

        AssertDecryptFails(WeComCryptoError.IllegalBuffer, RawCallbackCipher.Encrypt(AesKey, plain));
    }

    [Fact]
    public void Decrypt_WhenMessageIsNotUtf8_ThrowsIllegalBuffer()
    {
        var plain = Plaintext("\u00e9", CorpId);
        plain[20] = 0xFF;

        AssertDecryptFails(WeComCryptoError.IllegalBuffer, RawCallbackCipher.Encrypt(AesKey, plain));
    }

    [Theory]
    [InlineData("not base64!!")]
    [InlineData("abc")]
    public void Decrypt_WhenCiphertextIsNotBase64_ThrowsDecodeBase64(string ciphertext)
    {
        AssertDecryptFails(WeComCryptoError.DecodeBase64, ciphertext);
    }

    [Theory]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2CC")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2=")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B-C")]
    [InlineData("")]
    public void Constructor_WhenAesKeyIsMalformed_ThrowsIllegalAesKeyWithoutEchoingIt(string key)
    {
        var exception = Assert.Throws<WeComCryptoException>(() => new WeComCallbackCrypto(Token, key, CorpId));

        Assert.Equal(WeComCryptoError.IllegalAesKey, exception.Error);
        Assert.EndsWith("(-40004)", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("jWmYm7", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenKeyUsesPlusAndSlash_Accepts()
    {
        var crypto = new WeComCallbackCrypto(Token, "+/" + AesKey[2..], CorpId);
        var encrypted = crypto.Encrypt("ok");

        Assert.Equal("ok", crypto.Decrypt(crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted));
    }

    [Fact]
    public void Exceptions_NeverContainTheTokenKeyOrPlaintext()
    {
        var sender = new WeComCallbackCrypto(Token, AesKey, "other");
        var encrypted = sender.Encrypt("very secret plaintext");

        var exception = Assert.Throws<WeComCryptoException>(
            () => Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted));

        Assert.DoesNotContain(Token, exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AesKey, exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very secret", exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\n", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptEnvelope_XmlReply_DecryptsThroughDecryptEnvelope()
    {
        var envelope = Crypto.EncryptEnvelope("回复 reply", Timestamp, Nonce);

        var xml = envelope.ToXml();

        Assert.StartsWith("<xml><Encrypt><![CDATA[", xml, StringComparison.Ordinal);
        Assert.Contains($"<TimeStamp>{Timestamp}</TimeStamp>", xml, StringComparison.Ordinal);
        Assert.Equal("回复 reply", Crypto.DecryptEnvelope(envelope.MsgSignature, Timestamp, Nonce, xml));
    }

    [Fact]
    public void EncryptEnvelope_JsonReply_HasLowerCaseKeysAndDecrypts()
    {
        var envelope = Crypto.EncryptEnvelope("{\"a\":1}", Timestamp, Nonce);

        var json = envelope.ToJson();

        Assert.Equal(
            $"{{\"encrypt\":\"{envelope.Encrypt}\",\"msgsignature\":\"{envelope.MsgSignature}\",\"timestamp\":\"{Timestamp}\",\"nonce\":\"{Nonce}\"}}",
            json);
        Assert.Equal("{\"a\":1}", Crypto.DecryptEnvelope(envelope.MsgSignature, Timestamp, Nonce, json));
    }

    [Fact]
    public void CreateXmlCallbackBody_HasWeComsShapeAndDecrypts()
    {
        var encrypted = Crypto.Encrypt("<xml><MsgType>event</MsgType></xml>");

        var body = WeComCallbackCrypto.CreateXmlCallbackBody(CorpId, "1000002", encrypted);

        Assert.Equal(
            $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>",
            body);
        Assert.Equal(
            "<xml><MsgType>event</MsgType></xml>",
            Crypto.DecryptEnvelope(Crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, body));
    }

    [Fact]
    public void CreateJsonCallbackBody_HasLowerCaseKeysAndDecrypts()
    {
        var encrypted = Crypto.Encrypt("{}");

        var body = WeComCallbackCrypto.CreateJsonCallbackBody(CorpId, "218", encrypted);

        Assert.Equal($"{{\"tousername\":\"{CorpId}\",\"encrypt\":\"{encrypted}\",\"agentid\":\"218\"}}", body);
        Assert.Equal("{}", Crypto.DecryptEnvelope(Crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, body));
    }

    [Theory]
    [InlineData("{\"Encrypt\":\"{0}\"}")]
    [InlineData("{\"ENCRYPT\":\"{0}\",\"AgentID\":\"218\"}")]
    [InlineData("  \n{\"tousername\":\"x\",\"encrypt\":\"{0}\"}")]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xml>\n  <!-- comment -->\n  <Encrypt>{0}</Encrypt>\n</xml>")]
    public void DecryptEnvelope_AcceptsEnvelopeVariants(string template)
    {
        var encrypted = Crypto.Encrypt("variant");
        var body = template.Replace("{0}", encrypted, StringComparison.Ordinal);

        Assert.Equal("variant", Crypto.DecryptEnvelope(Crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, body));
    }

    [Theory]
    [InlineData("<!DOCTYPE xml [<!ENTITY e \"x\">]><xml><Encrypt>&e;</Encrypt></xml>")]
    [InlineData("<!DOCTYPE xml SYSTEM \"file:///etc/passwd\"><xml><Encrypt>abc</Encrypt></xml>")]
    [InlineData("<xml><ToUserName>x</ToUserName></xml>")]
    [InlineData("<xml><Encrypt></Encrypt></xml>")]
    [InlineData("<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>")]
    [InlineData("<xml><Encrypt>abc</Encrypt>")]
    [InlineData("<xml><Encrypt>abc</Encrypt></xml><xml/>")]
    [InlineData("<root><Encrypt>abc</Encrypt></root>")]
    [InlineData("<xml><Encrypt><b>abc</b></Encrypt></xml>")]
    [InlineData("plain text")]
    [InlineData("")]
    public void DecryptEnvelope_WhenXmlIsUnacceptable_ThrowsParseXml(string body)
    {
        AssertCryptoError(WeComCryptoError.ParseXml, () => Crypto.DecryptEnvelope("sig", Timestamp, Nonce, body));
    }

    [Theory]
    [InlineData("{\"tousername\":\"x\"}")]
    [InlineData("{\"encrypt\":42}")]
    [InlineData("{\"encrypt\":\"\"}")]
    [InlineData("{\"encrypt\":\"a\",\"Encrypt\":\"b\"}")]
    [InlineData("{\"encrypt\":\"a\"")]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}")]
    public void DecryptEnvelope_WhenJsonIsUnacceptable_ThrowsParseJson(string body)
    {
        AssertCryptoError(WeComCryptoError.ParseJson, () => Crypto.DecryptEnvelope("sig", Timestamp, Nonce, body));
    }

    [Fact]
    public void DecryptEnvelope_WhenXmlBodyIsOversized_ThrowsParseXml()
    {
        var body = "<xml><Encrypt>" + new string('A', WeComCallbackCrypto.MaxEnvelopeChars) + "</Encrypt></xml>";

        AssertCryptoError(WeComCryptoError.ParseXml, () => Crypto.DecryptEnvelope("sig", Timestamp, Nonce, body));
    }

    [Fact]
    public void DecryptEnvelope_WhenJsonBodyIsOversized_ThrowsParseJson()
    {
        var body = "{\"encrypt\":\"" + new string('A', WeComCallbackCrypto.MaxEnvelopeChars) + "\"}";

        AssertCryptoError(WeComCryptoError.ParseJson, () => Crypto.DecryptEnvelope("sig", Timestamp, Nonce, body));
    }

    [Fact]
    public void DecryptEnvelope_WhenEnvelopeIsValidButSignatureIsNot_ThrowsValidateSignature()
    {
        var vector = CryptVector.Get("classic_post_xml");

        AssertCryptoError(
            WeComCryptoError.ValidateSignature,
            () => ForVector(vector).DecryptEnvelope(vector.MsgSignature, vector.Timestamp, "1", vector.PostBody!));
    }

    private static WeComCallbackCrypto ForVector(CryptVector vector) =>
        new(vector.Token, vector.EncodingAesKey, vector.ReceiveId);

    private static byte[] Plaintext(string message, string receiveId)
    {
        var messageBytes = Encoding.UTF8.GetBytes(message);
        var receiveIdBytes = Encoding.UTF8.GetBytes(receiveId);
        var length = 20 + messageBytes.Length + receiveIdBytes.Length;
        var pad = 32 - (length % 32);
        var buffer = new byte[length + pad];
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(16), (uint)messageBytes.Length);
        messageBytes.CopyTo(buffer, 20);
        receiveIdBytes.CopyTo(buffer, 20 + messageBytes.Length);
        buffer.AsSpan(length).Fill((byte)pad);
        return buffer;
    }

    private static void AssertDecryptFails(WeComCryptoError expected, string ciphertext) =>
        AssertCryptoError(expected, () => Crypto.Decrypt(Crypto.Sign(Timestamp, Nonce, ciphertext), Timestamp, Nonce, ciphertext));

    private static void AssertCryptoError(WeComCryptoError expected, Action action)
    {
        var exception = Assert.Throws<WeComCryptoException>(action);
        Assert.Equal(expected, exception.Error);
        Assert.EndsWith($"({(int)expected})", exception.Message, StringComparison.Ordinal);
    }
}
