using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.WeCom;

/// <summary>Options of <c>gridctl wecom decrypt</c>.</summary>
public sealed class WeComDecryptSettings : CommandSettings
{
    [CommandOption("--token <TOKEN>")]
    [Description("The callback Token configured in WeCom.")]
    public string? Token { get; set; }

    [CommandOption("--aes-key <KEY>")]
    [Description("The 43-character EncodingAESKey configured in WeCom.")]
    public string? AesKey { get; set; }

    [CommandOption("--receive-id <ID>")]
    [Description("The expected receive id: the corp id for self-built apps.")]
    public string? ReceiveId { get; set; }

    [CommandOption("--timestamp <TIMESTAMP>")]
    [Description("The timestamp query parameter.")]
    public string? Timestamp { get; set; }

    [CommandOption("--nonce <NONCE>")]
    [Description("The nonce query parameter.")]
    public string? Nonce { get; set; }

    [CommandOption("--signature <SIGNATURE>")]
    [Description("The msg_signature query parameter.")]
    public string? Signature { get; set; }

    [CommandOption("--echostr <ECHOSTR>")]
    [Description("The echostr of a URL check (GET), raw or still URL-encoded.")]
    public string? Echostr { get; set; }

    [CommandOption("--body <FILE>")]
    [Description("A file holding the raw POST body (XML or JSON envelope); '-' reads standard input.")]
    public string? Body { get; set; }

    public override ValidationResult Validate()
    {
        (string Option, string? Value)[] required =
        [
            ("--token", Token),
            ("--aes-key", AesKey),
            ("--receive-id", ReceiveId),
            ("--timestamp", Timestamp),
            ("--nonce", Nonce),
            ("--signature", Signature),
        ];
        var missing = required.Where(option => option.Value is null).Select(option => option.Option).ToArray();
        if (missing.Length > 0)
        {
            return ValidationResult.Error($"missing required option(s): {string.Join(", ", missing)}");
        }

        return (Echostr is null) == (Body is null)
            ? ValidationResult.Error("give exactly one of --echostr and --body")
            : ValidationResult.Success();
    }
}
