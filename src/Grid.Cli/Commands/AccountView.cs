using Grid.Contracts.V1;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>How accounts look in tables.</summary>
internal static class AccountView
{
    public static Table Table(IEnumerable<Account> accounts)
    {
        var table = new Table().AddColumn("account_id").AddColumn("username").AddColumn("display_name").AddColumn("email").AddColumn("mobile").AddColumn("status");
        foreach (var a in accounts)
        {
            table.AddRow(Markup.Escape(a.AccountId), Markup.Escape(a.Username), Markup.Escape(a.DisplayName),
                Markup.Escape(a.Email), Markup.Escape(a.Mobile), Markup.Escape(a.Status.ToString()));
        }

        return table;
    }
}
