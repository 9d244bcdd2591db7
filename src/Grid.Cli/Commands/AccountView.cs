using Grid.Contracts.V1;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>How accounts look in tables.</summary>
internal static class AccountView
{
    private static readonly string[] Columns = ["account_id", "username", "display_name", "email", "mobile", "status"];

    public static Table Table(IEnumerable<Account> accounts)
    {
        var table = new Table().AddColumns(Columns);
        foreach (var a in accounts)
        {
            table.AddRow(Cells(a));
        }

        return table;
    }

    /// <summary>
    /// One account as Directory's GetAccount and LookupAccount return it: the table's columns and the personal email
    /// with its state (lists do not carry it).
    /// </summary>
    public static Table Detail(Account account)
    {
        var personal = account.PersonalEmail.Length == 0
            ? ""
            : $"{account.PersonalEmail} ({(account.PersonalEmailVerified ? "verified" : "unverified")})";
        return new Table().AddColumns([.. Columns, "personal_email"]).AddRow([.. Cells(account), Markup.Escape(personal)]);
    }

    private static string[] Cells(Account a) =>
    [
        Markup.Escape(a.AccountId), Markup.Escape(a.Username), Markup.Escape(a.DisplayName),
        Markup.Escape(a.Email), Markup.Escape(a.Mobile), Markup.Escape(a.Status.ToString()),
    ];
}
