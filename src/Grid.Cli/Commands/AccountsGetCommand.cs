using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl accounts get ACCOUNT_ID</c>.</summary>
public sealed class AccountsGetCommand(StandardStreams streams, GridSession session) : OnlineCommand<AccountsGetCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandArgument(0, "<ACCOUNT_ID>")]
        [Description("The stable account id.")]
        public string AccountId { get; set; } = "";
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var response = await grid.Directory.GetAccountAsync(
            new GetAccountRequest { TenantId = TenantOf(settings, grid), AccountId = settings.AccountId }, grid.Call(cancellationToken));
        if (settings.Json)
        {
            await WriteJsonAsync(response.Account);
        }
        else
        {
            Console().Write(AccountView.Detail(response.Account));
        }

        return ExitCodes.Success;
    }
}
