using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl accounts set-password ACCOUNT_ID --password-stdin</c>: Admin.SetAccountPassword. The password is read
/// from standard input only, so that it stays out of shell history and process listings.
/// </summary>
public sealed class AccountsSetPasswordCommand(StandardStreams streams, GridSession session)
    : OnlineCommand<AccountsSetPasswordCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandArgument(0, "<ACCOUNT_ID>")]
        [Description("The stable account id.")]
        public string AccountId { get; set; } = "";

        [CommandOption("--password-stdin")]
        [Description("Read the new password (8..256 characters) from the first line of standard input. Required.")]
        public bool PasswordStdin { get; set; }

        public override Spectre.Console.ValidationResult Validate() =>
            PasswordStdin ? base.Validate() : Spectre.Console.ValidationResult.Error("--password-stdin is required: give the password on standard input");
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var password = (await Streams.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
        if (string.IsNullOrEmpty(password))
        {
            throw new CliException(ExitCodes.Usage, "--password-stdin: standard input has no password (expected it on the first line)");
        }

        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var response = await grid.Admin.SetAccountPasswordAsync(
            new SetAccountPasswordRequest { TenantId = TenantOf(settings, grid), AccountId = settings.AccountId, Password = password },
            grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(response);
        }
        else
        {
            await Streams.Out.WriteLineAsync($"Password set for account {response.AccountId}.");
        }

        return ExitCodes.Success;
    }
}
