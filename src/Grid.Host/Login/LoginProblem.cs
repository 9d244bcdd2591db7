namespace Grid.Host.Login;

/// <summary>Why a WeCom sign-in did not happen: each has its error page, its gRPC status and its message.</summary>
internal enum LoginProblem
{
    /// <summary>The tenant, or the connector, does not exist.</summary>
    NotFound,

    /// <summary>The connector does not offer this kind of sign-in, or lacks the domains it needs.</summary>
    NotAvailable,

    /// <summary>The three-domain rule: the page was reached on another domain than the connector's login page domain.</summary>
    WrongDomain,

    /// <summary>The return address is not one the tenant allows.</summary>
    ReturnAddressRefused,

    /// <summary>The state is unknown: never begun here, tampered with, or forgotten.</summary>
    StateUnknown,

    StateExpired,

    StateReused,

    /// <summary>The state belongs to another tenant or another browser.</summary>
    StateMismatched,

    /// <summary>The member cancelled at WeCom, or WeCom refused the code, or the code was not a member's.</summary>
    WeComRefused,

    /// <summary>The member has no account here (not synchronized).</summary>
    NoAccount,

    /// <summary>The account is disabled, not activated, or its member left the company.</summary>
    AccountDisabled,

    /// <summary>WeCom did not answer the code's redemption usably (an error code, a transport failure, a timeout).</summary>
    WeComUnavailable,
}
