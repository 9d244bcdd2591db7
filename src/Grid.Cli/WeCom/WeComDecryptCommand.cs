using Grid.WeCom.Callbacks;
using Spectre.Console.Cli;

namespace Grid.Cli.WeCom;

/// <summary>
/// <c>gridctl wecom decrypt</c>: verifies a WeCom callback's signature and decrypts it offline, printing the
/// plaintext to standard output; failures print one line to standard error.
/// </summary>
public sealed class WeComDecryptCommand(StandardStreams streams) : AsyncCommand<WeComDecryptSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, WeComDecryptSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);

        string? body = null;
        if (settings.Body is not null)
        {
            try
            {
                body = await ReadBodyAsync(settings.Body, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await streams.Error.WriteLineAsync($"error: cannot read --body {settings.Body}: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        }

        try
        {
            var crypto = new WeComCallbackCrypto(settings.Token!, settings.AesKey!, settings.ReceiveId!);
            var plaintext = body is null
                ? crypto.VerifyUrl(settings.Signature!, settings.Timestamp!, settings.Nonce!, UrlDecodeIfNeeded(settings.Echostr!))
                : crypto.DecryptEnvelope(settings.Signature!, settings.Timestamp!, settings.Nonce!, body);
            await streams.Out.WriteLineAsync(plaintext).ConfigureAwait(false);
            await streams.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (WeComCryptoException exception)
        {
            await streams.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.VerificationFailed;
        }
        catch (ArgumentException exception)
        {
            await streams.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    private async Task<string> ReadBodyAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            return await ReadCappedAsync(streams.In, cancellationToken).ConfigureAwait(false);
        }

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return await ReadCappedAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    // Reads one character past the envelope limit, enough for the decryptor to reject an oversized body without
    // this tool loading an arbitrarily large file.
    private static async Task<string> ReadCappedAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[WeComCallbackCrypto.MaxEnvelopeChars + 1];
        var length = 0;
        int read;
        while (length < buffer.Length
               && (read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return new string(buffer, 0, length);
    }

    // Base64 never contains '%', so a '%' means the value was pasted straight from the query string.
    private static string UrlDecodeIfNeeded(string echostr) =>
        echostr.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(echostr) : echostr;
}
