using Grid.WeCom.Callbacks;

namespace Grid.Cli.Tests.WeCom;

public sealed class WeComDecryptCommandTests : IDisposable
{
    private const string Token = "QDG6eK";
    private const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string CorpId = "wx5823bf96d3bd56c7";

    private readonly string _directory = Directory.CreateTempSubdirectory("gridctl-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(CryptVector.Ids), MemberType = typeof(CryptVector))]
    public async Task Decrypt_WithEchostr_PrintsPlaintextOrRejectsTheNegativeVector(string id)
    {
        var vector = CryptVector.Get(id);

        var run = await GridCtlRun.InProcessAsync(vector.Arguments("--echostr", vector.EchostrOrEncrypt));

        if (vector.IsNegative)
        {
            Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
            Assert.Equal("error: signature does not match (-40001)\n", run.Error);
            Assert.Empty(run.Out);
        }
        else
        {
            Assert.Equal(ExitCodes.Success, run.ExitCode);
            Assert.Equal(vector.ExpectedPlaintext + "\n", run.Out);
            Assert.Empty(run.Error);
        }
    }

    [Theory]
    [MemberData(nameof(CryptVector.IdsWithPostBody), MemberType = typeof(CryptVector))]
    public async Task Decrypt_WithBodyFile_PrintsPlaintext(string id)
    {
        var vector = CryptVector.Get(id);
        var path = Path.Combine(_directory, id + ".body");
        await File.WriteAllTextAsync(path, vector.PostBody);

        var run = await GridCtlRun.InProcessAsync(vector.Arguments("--body", path));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(vector.ExpectedPlaintext + "\n", run.Out);
        Assert.Empty(run.Error);
    }

    [Theory]
    [MemberData(nameof(CryptVector.IdsWithPostBody), MemberType = typeof(CryptVector))]
    public async Task Decrypt_WithBodyFromStandardInput_PrintsPlaintext(string id)
    {
        var vector = CryptVector.Get(id);

        var run = await GridCtlRun.InProcessAsync(vector.Arguments("--body", "-"), stdin: vector.PostBody!);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(vector.ExpectedPlaintext + "\n", run.Out);
    }

    [Fact]
    public async Task Decrypt_NegativeVectorAsJsonBody_FailsWithSignatureMismatch()
    {
        var vector = CryptVector.Get("NEGATIVE_php_json_comment");
        var body = WeComCallbackCrypto.CreateJsonCallbackBody(vector.ReceiveId, "218", vector.EchostrOrEncrypt);

        var run = await GridCtlRun.InProcessAsync(vector.Arguments("--body", "-"), stdin: body);

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Equal("error: signature does not match (-40001)\n", run.Error);
    }

    [Fact]
    public async Task Decrypt_WithUrlEncodedEchostr_DecodesItFirst()
    {
        var vector = CryptVector.Get("classic_verifyurl");

        var run = await GridCtlRun.InProcessAsync(vector.Arguments("--echostr", Uri.EscapeDataString(vector.EchostrOrEncrypt)));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("1616140317555161061\n", run.Out);
    }

    [Fact]
    public async Task Decrypt_WhenAesKeyIsMalformed_ExitsWithVerificationFailure()
    {
        var run = await GridCtlRun.InProcessAsync(Args(AesKey[..42], CorpId, "sig", "--echostr", "x"));

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Equal("error: EncodingAESKey must be 43 base64 characters decoding to 32 bytes (-40004)\n", run.Error);
        Assert.DoesNotContain(AesKey[..42], run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decrypt_WhenReceiveIdDiffers_ExitsWithVerificationFailure()
    {
        var sender = new WeComCallbackCrypto(Token, AesKey, "ww-someone-else");
        var encrypted = sender.Encrypt("hello");

        var run = await GridCtlRun.InProcessAsync(Args(AesKey, CorpId, sender.Sign("1", "2", encrypted), "--echostr", encrypted));

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Equal("error: receive id does not match the configured corp id (-40005)\n", run.Error);
    }

    [Fact]
    public async Task Decrypt_WhenCiphertextIsNotBase64_ExitsWithVerificationFailure()
    {
        var crypto = new WeComCallbackCrypto(Token, AesKey, CorpId);
        const string notBase64 = "not*base64";

        var run = await GridCtlRun.InProcessAsync(Args(AesKey, CorpId, crypto.Sign("1", "2", notBase64), "--echostr", notBase64));

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Equal("error: ciphertext is not valid base64 (-40010)\n", run.Error);
    }

    [Fact]
    public async Task Decrypt_WhenPaddingIsInvalid_ExitsWithVerificationFailure()
    {
        var crypto = new WeComCallbackCrypto(Token, AesKey, CorpId);
        var bytes = Convert.FromBase64String(crypto.Encrypt("hello", new byte[16]));
        bytes[^17] ^= 0x40;
        var tampered = Convert.ToBase64String(bytes);

        var run = await GridCtlRun.InProcessAsync(Args(AesKey, CorpId, crypto.Sign("1", "2", tampered), "--echostr", tampered));

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Equal("error: AES decryption failed: ciphertext length or padding is invalid (-40007)\n", run.Error);
    }

    [Fact]
    public async Task Decrypt_WhenBodyHasADtd_ExitsWithVerificationFailure()
    {
        const string body = "<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>";

        var run = await GridCtlRun.InProcessAsync(Args(AesKey, CorpId, "sig", "--body", "-"), stdin: body);

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.EndsWith("(-40002)\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decrypt_WhenBodyFileIsMissing_ExitsWithUsageError()
    {
        var missing = Path.Combine(_directory, "missing.xml");

        var run = await GridCtlRun.InProcessAsync(Args(AesKey, CorpId, "sig", "--body", missing));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith($"error: cannot read --body {missing}:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decrypt_WhenARequiredOptionIsMissing_ExitsWithUsageErrorNamingIt()
    {
        var run = await GridCtlRun.InProcessAsync(["wecom", "decrypt", "--token", Token, "--echostr", "x"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith(
            "error: missing required option(s): --aes-key, --receive-id, --timestamp, --nonce, --signature\n",
            run.Error,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Decrypt_UnlessExactlyOneOfEchostrAndBodyIsGiven_ExitsWithUsageError(bool giveBoth)
    {
        string[] extra = giveBoth ? ["--echostr", "x", "--body", "-"] : [];

        var run = await GridCtlRun.InProcessAsync(Args(AesKey, CorpId, "sig", extra));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: give exactly one of --echostr and --body\n", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wecom", "frobnicate")]
    [InlineData("nope")]
    [InlineData("wecom", "decrypt", "--unknown-option", "x")]
    public async Task UnknownCommandsAndOptions_ExitWithUsageError(params string[] args)
    {
        var run = await GridCtlRun.InProcessAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Help_ListsTheDecryptOptionsAndExitCodes()
    {
        var run = await GridCtlRun.InProcessAsync(["wecom", "decrypt", "--help"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("--aes-key", run.Out, StringComparison.Ordinal);
        Assert.Contains("--body", run.Out, StringComparison.Ordinal);
        Assert.Contains("EXIT CODES:", run.Out, StringComparison.Ordinal);
    }

    private static string[] Args(string aesKey, string receiveId, string signature, params string[] extra) =>
    [
        "wecom", "decrypt",
        "--token", Token,
        "--aes-key", aesKey,
        "--receive-id", receiveId,
        "--timestamp", "1",
        "--nonce", "2",
        "--signature", signature,
        .. extra,
    ];
}
