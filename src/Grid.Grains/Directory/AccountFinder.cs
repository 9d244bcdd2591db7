using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Tenants;

namespace Grid.Grains.Directory;

/// <summary>The silo's <see cref="IAccountFinder"/>, which <see cref="DirectoryQueryGrain.FindAccount"/> runs too.</summary>
internal sealed class AccountFinder(IGrainFactory grains, KnownTenants tenants) : IAccountFinder
{
    public async Task<AccountView?> FindAsync(string tenantId, UniqueField field, string value)
    {
        GridKeys.ValidateTenantId(tenantId);
        await new TenantGuard(grains, tenants, tenantId).EnsureExistsAsync();
        var fieldName = UniqueValues.FieldName(field);
        var normalized = UniqueValues.Normalize(field, value)
            ?? throw GridException.Invalid(fieldName, $"'{value}' is not a valid {fieldName}");
        var holder = await grains.GetGrain<IUniqueIndexGrain>(GridKeys.UniqueIndexForNormalized(tenantId, field, normalized)).Get();
        if (holder is null)
        {
            return null;
        }

        // The index can name an account that failed right after claiming: trust only the account's own record.
        var account = await grains.GetGrain<IAccountGrain>(GridKeys.Account(tenantId, holder)).Get();
        return account is { Status: not AccountStatus.Deleted } && Holds(account, field, normalized) ? account : null;
    }

    private static bool Holds(AccountView account, UniqueField field, string normalized) => field switch
    {
        UniqueField.Username => UniqueValues.Normalize(field, account.Profile.Username) == normalized,
        UniqueField.Email => UniqueValues.Normalize(field, account.Profile.Email) == normalized,
        UniqueField.Mobile => UniqueValues.Normalize(field, account.Profile.Mobile) == normalized,
        _ => account.ExternalIds.Any(e => UniqueValues.Normalize(field, e.ToString()) == normalized),
    };
}
