using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Grid.WeCom.Callbacks;

namespace Grid.WeCom.Tests.Callbacks;

/// <summary>
/// FsCheck properties of the callback crypto over arbitrary keys, receive ids, random prefixes and messages of any
/// length (every Unicode scalar value, so 1- to 4-byte UTF-8 sequences and every padding length), and over arbitrary
/// decrypted bytes.
/// </summary>
public sealed class CallbackCryptoProperties
{
    private const string Timestamp = "1409659813";
    private const string Nonce = "1372623149";

    [Property(MaxTest = 500)]
    public Property DecryptOfEncrypt_IsTheMessage() =>
        Prop.ForAll(Setups(), Messages(), Bytes(16, 16).ToArbitrary(), (setup, message, random) =>
        {
            var crypto = setup.Create();
            var encrypted = crypto.Encrypt(message, random);

            Assert.Equal(message, crypto.Decrypt(crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted));
            var body = WeComCallbackCrypto.CreateXmlCallbackBody("corp", "1", encrypted);
            Assert.Equal(message, crypto.DecryptEnvelope(crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, body));
        });

    [Property(MaxTest = 300)]
    public Property Decrypt_UnderAnotherKey_OrReceiveId_Fails() =>
        Prop.ForAll(Setups(), Setups(), Messages(), (setup, other, message) =>
        {
            var encrypted = setup.Create().Encrypt(message);
            var foreign = new CallbackSetup(setup.Token, other.Key, setup.ReceiveId).Create();
            var elsewhere = new CallbackSetup(setup.Token, setup.Key, other.ReceiveId).Create();

            if (!other.Key.SequenceEqual(setup.Key))
            {
                Assert.Throws<WeComCryptoException>(() => foreign.Decrypt(foreign.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted));
            }

            if (other.ReceiveId != setup.ReceiveId)
            {
                var error = Assert.Throws<WeComCryptoException>(() => elsewhere.Decrypt(elsewhere.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted));
                Assert.Equal(WeComCryptoError.ValidateReceiveId, error.Error);
            }
        });

    [Property(MaxTest = 500)]
    public Property Decrypt_OfArbitraryPlaintextBytes_ReturnsOrThrowsOnlyItsOwnError() =>
        Prop.ForAll(Setups(), Gen.Choose(1, 8).SelectMany(blocks => Bytes(blocks * 16, blocks * 16)).ToArbitrary(), (setup, plaintext) =>
        {
            var crypto = setup.Create();
            var encrypted = RawCallbackCipher.Encrypt(setup.EncodingAesKey, plaintext);
            try
            {
                crypto.Decrypt(crypto.Sign(Timestamp, Nonce, encrypted), Timestamp, Nonce, encrypted);
            }
            catch (WeComCryptoException)
            {
                // A clear refusal is the other allowed outcome.
            }
        });

    [Property(MaxTest = 300)]
    public Property Decrypt_WithAnyOtherSignature_FailsTheSignatureCheck() =>
        Prop.ForAll(Setups(), Messages(), Bytes(20, 20).ToArbitrary(), (setup, message, forged) =>
        {
            var crypto = setup.Create();
            var encrypted = crypto.Encrypt(message);
            var signature = Convert.ToHexStringLower(forged);

            var outcome = Record.Exception(() => crypto.Decrypt(signature, Timestamp, Nonce, encrypted));

            if (signature != crypto.Sign(Timestamp, Nonce, encrypted))
            {
                Assert.Equal(WeComCryptoError.ValidateSignature, Assert.IsType<WeComCryptoException>(outcome).Error);
            }
        });

    private static Arbitrary<CallbackSetup> Setups() =>
        (from token in Gen.Elements("QDG6eK", "t", "0123456789abcdef0123456789abcdef")
         from key in Bytes(32, 32)
         from receiveId in Gen.Elements("wx5823bf96d3bd56c7", "", "ww000000000000001", "企业")
         select new CallbackSetup(token, key, receiveId)).ToArbitrary();

    private static Arbitrary<string> Messages() =>
        Gen.Sized(size => Gen.ListOf(ScalarValue(), size * 4))
            .Select(scalars => string.Concat(scalars.Select(char.ConvertFromUtf32)))
            .ToArbitrary();

    // Mostly ASCII and CJK, with every other plane represented.
    private static Gen<int> ScalarValue() =>
        Gen.Frequency(
            (4, Gen.Choose(0, 0x7F)),
            (3, Gen.Choose(0x4E00, 0x9FFF)),
            (1, Gen.Choose(0x80, 0xD7FF)),
            (1, Gen.Choose(0xE000, 0xFFFF)),
            (1, Gen.Choose(0x10000, 0x10FFFF)));

    private static Gen<byte[]> Bytes(int min, int max) =>
        from length in Gen.Choose(min, max)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        select bytes;
}

/// <summary>One callback configuration: token, the 32 key bytes (its EncodingAESKey is their base64 without '='), receive id.</summary>
public sealed record CallbackSetup(string Token, byte[] Key, string ReceiveId)
{
    public string EncodingAesKey => Convert.ToBase64String(Key).TrimEnd('=');

    public WeComCallbackCrypto Create() => new(Token, EncodingAesKey, ReceiveId);

    public override string ToString() => $"token {Token}, key {EncodingAesKey}, receive id '{ReceiveId}' ({Encoding.UTF8.GetByteCount(ReceiveId)} bytes)";
}
