using Grid.Abstractions.Directory;

namespace Grid.Host.SignIn;

/// <summary>Finds the account a sign-in names by one of its unique values: username, then email, then mobile.</summary>
internal static class SignInAccounts
{
    private static readonly UniqueField[] LoginFields = [UniqueField.Username, UniqueField.Email, UniqueField.Mobile];

    /// <summary>The live account whose username, email or mobile is <paramref name="login"/>, or null.</summary>
    public static async Task<AccountView?> FindAsync(IGrainFactory grains, string tenantId, string login, CancellationToken cancel)
    {
        var query = grains.GetGrain<IDirectoryQueryGrain>(tenantId);
        foreach (var field in LoginFields)
        {
            // A login that is no valid value of a field (an email without '@', a mobile with letters) cannot name it.
            if (UniqueValues.Normalize(field, login) is not null
                && await query.FindAccount(field, login).WaitAsync(cancel) is { } account)
            {
                return account;
            }
        }

        return null;
    }
}
