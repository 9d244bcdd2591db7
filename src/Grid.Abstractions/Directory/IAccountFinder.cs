namespace Grid.Abstractions.Directory;

/// <summary>
/// <see cref="IDirectoryQueryGrain.FindAccount"/> without the hop to the query grain, for code running in a silo (the
/// gRPC front end and the sign-in pages): the unique index names the holder, the account's own record decides.
/// </summary>
public interface IAccountFinder
{
    /// <summary>
    /// The live account of tenant <paramref name="tenantId"/> holding a unique value, or null; an unknown tenant is
    /// NotFound and an invalid value InvalidArgument naming the field, as <see cref="IDirectoryQueryGrain.FindAccount"/>.
    /// </summary>
    Task<AccountView?> FindAsync(string tenantId, UniqueField field, string value);
}
