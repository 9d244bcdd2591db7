namespace Grid.Abstractions.Directory;

/// <summary>
/// Read-side queries over a tenant's directory, key <c>{tenant}</c>. A stateless worker: calls run in parallel on
/// every silo. Page tokens are opaque strings; a page size of 0 or less means 100, the most is 1,000. Listings are
/// in a stable order, so a walk with page tokens sees every item that exists for the whole walk exactly once.
/// </summary>
[Alias("grid.IDirectoryQueryGrain")]
public interface IDirectoryQueryGrain : IGrainWithStringKey
{
    /// <summary>
    /// The live (not deleted) account holding a unique value, e.g. (<see cref="UniqueField.Email"/>, "A@b.c") or
    /// (<see cref="UniqueField.ExternalId"/>, <c>ExternalId.ForWeCom(corp, userid).ToString()</c>); null when none.
    /// An invalid value is InvalidArgument naming the field.
    /// </summary>
    [Alias("FindAccount")]
    Task<AccountView?> FindAccount(UniqueField field, string value);

    /// <summary>All live accounts of the tenant, in account id order.</summary>
    [Alias("ListAccounts")]
    Task<AccountPage> ListAccounts(string? pageToken, int pageSize);

    /// <summary>The live accounts that are members of an organization, in account id order.</summary>
    [Alias("ListMembers")]
    Task<AccountPage> ListMembers(string organizationId, string? pageToken, int pageSize);

    /// <summary>The whole tree of live organizations, parents before children (by depth, then id).</summary>
    [Alias("ListOrganizations")]
    Task<OrganizationPage> ListOrganizations(string? pageToken, int pageSize);

    /// <summary>The live children of one organization, in <see cref="IOrganizationGrain.ListChildren"/> order.</summary>
    [Alias("ListChildren")]
    Task<OrganizationPage> ListChildren(string parentId, string? pageToken, int pageSize);
}
