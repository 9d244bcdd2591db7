namespace Grid.Host.SignIn;

/// <summary>
/// What a fallback step gave (password or SMS sign-in, password reset): the session (for a sign-in) and account, or
/// the refusal's kind, message and, when throttled or locked, the wait.
/// </summary>
internal sealed record SignInResult(SignInOutcome Outcome, IssuedSession? Session, string Message, TimeSpan RetryAfter, string AccountId = "")
{
    public static SignInResult Refused(SignInOutcome outcome, string message, TimeSpan retryAfter = default) =>
        new(outcome, null, message, retryAfter);
}

internal enum SignInOutcome
{
    Succeeded,
    NoSuchConnector,
    NotEnabled,
    InvalidCredentials,
    Locked,
    AccountUnavailable,

    /// <summary>No SMS sender is configured.</summary>
    Unavailable,

    /// <summary>Too many codes asked for: of this mobile, this client address or this tenant.</summary>
    Throttled,
}
