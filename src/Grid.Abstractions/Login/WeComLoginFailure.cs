namespace Grid.Abstractions.Login;

/// <summary>Why a WeCom sign-in was refused (each has its own error page and gRPC status).</summary>
[GenerateSerializer]
[Alias("grid.wecom-login-failure")]
public enum WeComLoginFailure
{
    /// <summary>WeCom refused the code (unknown, used or expired) or the member refused to sign in.</summary>
    WeComRefused = 1,

    /// <summary>The code belongs to someone who is not a member of the corp (a WeChat user).</summary>
    NotAMember = 2,

    /// <summary>The member has no account here and contact sync cannot make one.</summary>
    NoAccount = 3,

    /// <summary>The account is disabled, not activated, or deleted (the member left).</summary>
    AccountDisabled = 4,

    /// <summary>The connector does not offer this kind of sign-in.</summary>
    NotEnabled = 5,
}
