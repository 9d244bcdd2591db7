namespace Grid.Abstractions.Sessions;

/// <summary>
/// The one-time SMS code of one purpose for one mobile number of a tenant, key
/// <c>{tenant}/{purpose}/{normalized mobile}</c> (see <see cref="SessionKeys.SmsCode"/>): six digits, short-lived,
/// accepted once, a few wrong tries allowed, and not re-sent before a while has passed. The code is sealed at rest.
/// </summary>
[Alias("grid.ISmsCodeGrain")]
public interface ISmsCodeGrain : IGrainWithStringKey
{
    /// <summary>A new code to send (it replaces any earlier one), or how long to wait when one was sent just now.</summary>
    [Alias("Issue")]
    Task<SmsCodeIssue> Issue();

    /// <summary>Checks a code; an accepted code is spent, and too many wrong ones spend it too.</summary>
    [Alias("Verify")]
    Task<SmsCodeCheck> Verify(string code);
}

/// <summary>What an SMS code is for (part of its grain key: a login code cannot reset a password).</summary>
[GenerateSerializer]
[Alias("grid.sms-code-purpose")]
public enum SmsCodePurpose
{
    /// <summary>Signing in (SmsLogin).</summary>
    Login = 1,

    /// <summary>Resetting the password (ResetPassword).</summary>
    ResetPassword = 2,
}

/// <summary>
/// A code to send, or (<see cref="Code"/> null) none because one was sent just now; either way <see cref="RetryAfter"/>
/// is the wait before another may be sent.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.sms-code-issue")]
public sealed record SmsCodeIssue(
    [property: Id(0)] string? Code,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] TimeSpan RetryAfter);

/// <summary>The outcome of checking an SMS code.</summary>
[GenerateSerializer]
[Alias("grid.sms-code-check")]
public enum SmsCodeCheck
{
    /// <summary>The code matches and is now spent.</summary>
    Accepted = 1,

    /// <summary>Wrong, expired, spent, or no code was sent. The API says the same for all.</summary>
    Rejected = 2,
}
