namespace Grid.Host.SignIn;

/// <summary>How a silo keeps its copy of the revoked sessions current. Section <c>Grid:SignIn</c>.</summary>
public sealed class SignInOptions
{
    public const string SectionName = "Grid:SignIn";

    /// <summary>
    /// How often a silo renews its subscription to revocations and reads the list in case it missed one
    /// (5 seconds to 5 minutes; default 30 seconds).
    /// </summary>
    public TimeSpan RevocationResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How old a silo's last successful read of the list may be before it stops validating end-user tokens
    /// (UNAVAILABLE) rather than risk accepting a revoked one: the bound on a silo's staleness. At least twice
    /// <see cref="RevocationResyncInterval"/>, at most 1 hour; default 2 minutes.
    /// </summary>
    public TimeSpan RevocationMaxStaleness { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The SMS gateway of the SMS fallback and the password reset.</summary>
    public SmsOptions Sms { get; set; } = new();

    /// <summary>The mail gateway of personal emails' confirmation links.</summary>
    public EmailOptions Email { get; set; } = new();
}

/// <summary>Where confirmation links are mailed. Section <c>Grid:SignIn:Email</c>.</summary>
public sealed class EmailOptions
{
    /// <summary>
    /// An absolute http(s) address that takes POST <c>{"to","subject","text"}</c> (see <see cref="WebhookEmailSender"/>).
    /// Unset: no email is sent and members cannot give a personal email (the dev profile sets the simulator's inbox).
    /// </summary>
    public string? WebhookUrl { get; set; }
}

/// <summary>Where sign-in codes are sent. Section <c>Grid:SignIn:Sms</c>.</summary>
public sealed class SmsOptions
{
    /// <summary>
    /// An absolute http(s) address that takes POST <c>{"mobile","text"}</c> (see <see cref="WebhookSmsSender"/>).
    /// Unset: no SMS is sent and the SMS fallback is unavailable (the dev profile sets the simulator's inbox).
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The message; <c>{code}</c> and <c>{minutes}</c> are replaced.</summary>
    public string Template { get; set; } = "Your Grid sign-in code is {code}. It expires in {minutes} minutes.";
}
