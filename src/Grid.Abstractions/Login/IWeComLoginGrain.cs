namespace Grid.Abstractions.Login;

/// <summary>
/// The WeCom side of a sign-in for one connector, key <c>{tenant}/{connectorId}</c> (a stateless worker): redeems a
/// login code with auth/getuserinfo, resolves userid → member → account (provisioning a member not yet synced when
/// contact sync is on), refuses disabled and departed accounts, and under snsapi_privateinfo records the member's
/// consented sensitive fields (auth/getuserdetail). The login state has been redeemed by the caller.
/// </summary>
[Alias("grid.IWeComLoginGrain")]
public interface IWeComLoginGrain : IGrainWithStringKey
{
    /// <summary>Redeems <paramref name="code"/> (once: WeCom refuses a second use) and resolves the account.</summary>
    [Alias("Complete")]
    Task<WeComLoginResult> Complete(string code, LoginMode mode);

    /// <summary>Whether the member's consent to share sensitive fields is still valid (a web login then asks nothing new).</summary>
    [Alias("HasValidConsent")]
    Task<bool> HasValidConsent(string userId);
}
