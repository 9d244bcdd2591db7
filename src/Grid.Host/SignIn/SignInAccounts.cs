using Grid.Abstractions.Directory;

namespace Grid.Host.SignIn;

/// <summary>Finds the account a sign-in names by one of its unique values: username, then email, then mobile.</summary>
internal static class SignInAccounts
{
    private static readonly UniqueField[] LoginFields = [UniqueField.Username, UniqueField.Email, UniqueField.Mobile];

    /// <summary>The live account whose username, email or mobile is <paramref name="login"/>, or null.</summary>
    public static async Task<AccountView?> FindAsync(IAccountFinder accounts, string tenantId, string login, CancellationToken cancel)
    {
        foreach (var field in LoginFields)
        {
            // A login that is no valid value of a field (an email without '@', a mobile with letters) cannot name it.
            if (UniqueValues.Normalize(field, login) is not null
                && await accounts.FindAsync(tenantId, field, login).WaitAsync(cancel) is { } account)
            {
                return account;
            }
        }

        return null;
    }

    /// <summary>Why the account cannot sign in (disabled, not activated, departed), or null when it is active.</summary>
    public static string? Unavailable(AccountView account) => account.Status switch
    {
        AccountStatus.Active => null,
        AccountStatus.Disabled => "the account is disabled and cannot sign in; ask an administrator",
        AccountStatus.NotActivated => "the account is not activated yet and cannot sign in",
        _ => "the account has left the organization and cannot sign in",
    };
}
