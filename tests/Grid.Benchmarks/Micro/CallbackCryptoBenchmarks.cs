using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Grid.Benchmarks.Fixtures;
using Grid.WeCom.Callbacks;

namespace Grid.Benchmarks.Micro;

/// <summary>
/// Receiving one change_contact callback: read the ciphertext out of the POSTed XML envelope, check the SHA-1
/// signature, AES-256-CBC decrypt, check padding, length and receive id, decode UTF-8. Baseline: the bare
/// AES-256-CBC decryption of the same ciphertext bytes with a ready key, into a ready buffer; the least any
/// implementation must spend.
/// </summary>
[Config(typeof(MicroConfig))]
[MemoryDiagnoser]
public class CallbackCryptoBenchmarks
{
    private const string Token = "GridBenchToken";
    private const string Timestamp = "1777600800";
    private const string Nonce = "1597534682";

    private WeComCallbackCrypto _crypto = null!;
    private string _signature = null!;
    private string _encrypted = null!;
    private string _body = null!;
    private byte[] _cipher = null!;
    private byte[] _iv = null!;
    private byte[] _plain = null!;
    private Aes _aes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var key = new byte[32];
        new Random(7).NextBytes(key);
        var encodingAesKey = Convert.ToBase64String(key)[..43];
        _crypto = new WeComCallbackCrypto(Token, encodingAesKey, Samples.CorpId);
        var xml = Samples.UpdateUserXml();
        _encrypted = _crypto.Encrypt(xml, new byte[WeComCallbackCrypto.RandomLength]);
        _signature = _crypto.Sign(Timestamp, Nonce, _encrypted);
        _body = WeComCallbackCrypto.CreateXmlCallbackBody(Samples.CorpId, "1000002", _encrypted);

        _cipher = Convert.FromBase64String(_encrypted);
        _iv = key[..16];
        _plain = new byte[_cipher.Length];
        _aes = Aes.Create();
        _aes.Key = key;

        if (DecryptEnvelope() != xml || Decrypt() != xml || AesCbcDecrypt() != _cipher.Length)
        {
            throw new InvalidOperationException("The benchmarks do not decrypt the sample event.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _aes.Dispose();

    [Benchmark(Baseline = true, Description = "AES-256-CBC only (System.Security.Cryptography)")]
    public int AesCbcDecrypt() => _aes.DecryptCbc(_cipher, _iv, _plain, PaddingMode.None);

    [Benchmark(Description = "WeComCallbackCrypto.DecryptEnvelope (XML body)")]
    public string DecryptEnvelope() => _crypto.DecryptEnvelope(_signature, Timestamp, Nonce, _body);

    [Benchmark(Description = "WeComCallbackCrypto.Decrypt (ciphertext given)")]
    public string Decrypt() => _crypto.Decrypt(_signature, Timestamp, Nonce, _encrypted);
}
