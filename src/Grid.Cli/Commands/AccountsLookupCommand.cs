using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl accounts lookup --username U | --email E | --mobile M | --wecom-userid ID --connector C</c>.</summary>
public sealed class AccountsLookupCommand(StandardStreams streams, GridSession session) : OnlineCommand<AccountsLookupCommand.Settings>(streams, session)
{
    public sealed class Settings : OnlineSettings
    {
        [CommandOption("--username <NAME>")]
        [Description("The account's username.")]
        public string? Username { get; set; }

        [CommandOption("--email <EMAIL>")]
        [Description("The account's email address.")]
        public string? Email { get; set; }

        [CommandOption("--mobile <MOBILE>")]
        [Description("The account's mobile number.")]
        public string? Mobile { get; set; }

        [CommandOption("--wecom-userid <USERID>")]
        [Description("A WeCom userid; needs --connector.")]
        public string? WeComUserId { get; set; }

        [CommandOption("-c|--connector <CONNECTOR>")]
        [Description("The connector whose WeCom userid --wecom-userid is.")]
        public string? Connector { get; set; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            var keys = new[] { Username, Email, Mobile, WeComUserId }.Count(k => k is not null);
            if (result.Successful && keys != 1)
            {
                return ValidationResult.Error("give exactly one of --username, --email, --mobile, --wecom-userid");
            }

            return result.Successful && WeComUserId is not null && string.IsNullOrEmpty(Connector)
                ? ValidationResult.Error("--wecom-userid needs --connector")
                : result;
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var request = new LookupAccountRequest { TenantId = TenantOf(settings, grid), ConnectorId = settings.Connector ?? "" };
        if (settings.Username is not null)
        {
            request.Username = settings.Username;
        }
        else if (settings.Email is not null)
        {
            request.Email = settings.Email;
        }
        else if (settings.Mobile is not null)
        {
            request.Mobile = settings.Mobile;
        }
        else
        {
            request.WecomUserid = settings.WeComUserId!;
        }

        var response = await grid.Directory.LookupAccountAsync(request, grid.Call(cancellationToken));
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
