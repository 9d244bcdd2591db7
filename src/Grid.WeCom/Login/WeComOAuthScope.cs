namespace Grid.WeCom.Login;

/// <summary>Scope of the in-client OAuth authorize URL.</summary>
public enum WeComOAuthScope
{
    /// <summary><c>snsapi_base</c>: silent, yields the user id only.</summary>
    Base,

    /// <summary><c>snsapi_privateinfo</c>: asks the member's consent, yields a user ticket for sensitive fields.</summary>
    PrivateInfo,
}
