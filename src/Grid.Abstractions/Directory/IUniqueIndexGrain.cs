using Orleans.Concurrency;

namespace Grid.Abstractions.Directory;

/// <summary>
/// One unique value of a tenant, key <c>{tenant}/{field}/{normalized value}</c> (see <see cref="GridKeys.UniqueIndex"/>):
/// which account holds it. Accounts claim here before writing their state and release after, so two accounts never
/// hold the same username, email, mobile or external id. A claim left behind by an account that then failed to
/// write (or failed to release) is taken back when another account claims the value and the holder confirms it
/// does not use it.
/// </summary>
[Alias("grid.IUniqueIndexGrain")]
public interface IUniqueIndexGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the value for <paramref name="accountId"/>. True when it now holds it (also when it already did);
    /// false when another account holds it.
    /// </summary>
    [Alias("Claim")]
    Task<bool> Claim(string accountId);

    /// <summary>Releases the value if <paramref name="accountId"/> holds it; otherwise does nothing.</summary>
    [Alias("Release")]
    Task Release(string accountId);

    /// <summary>The account holding the value, or null. May name an account that no longer uses it (check it).</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<string?> Get();
}
