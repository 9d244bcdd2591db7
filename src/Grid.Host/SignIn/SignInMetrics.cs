using System.Diagnostics.Metrics;
using Grid.Abstractions.Sessions;

namespace Grid.Host.SignIn;

/// <summary>
/// Sign-ins' and token checks' instruments (meter <see cref="MeterName"/>), from the gRPC API and the login pages alike.
/// Tags: the method (the token's <c>amr</c>: pwd, sms, wecom_qr, wecom_web; <c>wecom</c> when a WeCom sign-in failed
/// before its mode was known) and the outcome. Never an account, login or token.
/// </summary>
public static class SignInMetrics
{
    public const string MeterName = "Grid.SignIn";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> SignIns = Meter.CreateCounter<long>(
        "grid.signin.attempts", "{attempt}", "Sign-ins by method and outcome (succeeded, or why it was refused)");

    private static readonly Counter<long> TokenValidations = Meter.CreateCounter<long>(
        "grid.token.validations", "{validation}", "End-user access tokens checked by Auth.ValidateToken, by outcome (valid, invalid, unavailable)");

    internal const string WeComUnknownMode = "wecom";

    internal static void SignIn(SignInMethod method, string outcome) => SignIn(SignInMethods.Amr(method), outcome);

    internal static void SignIn(string method, string outcome) =>
        SignIns.Add(1, new KeyValuePair<string, object?>("method", method), new("outcome", outcome));

    internal static void SignIn(SignInMethod method, SignInOutcome outcome) => SignIn(method, Outcome(outcome));

    // Made once: ValidateToken records one on every call.
    private static readonly KeyValuePair<string, object?> ValidTag = new("outcome", "valid");
    private static readonly KeyValuePair<string, object?> InvalidTag = new("outcome", "invalid");
    private static readonly KeyValuePair<string, object?> UnavailableTag = new("outcome", "unavailable");

    internal static void TokenValidated(TokenValidationOutcome outcome) => TokenValidations.Add(1, outcome switch
    {
        TokenValidationOutcome.Valid => ValidTag,
        TokenValidationOutcome.Invalid => InvalidTag,
        _ => UnavailableTag,
    });

    private static string Outcome(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.Succeeded => "succeeded",
        SignInOutcome.NoSuchConnector => "no_such_connector",
        SignInOutcome.NotEnabled => "not_enabled",
        SignInOutcome.InvalidCredentials => "invalid_credentials",
        SignInOutcome.Locked => "locked",
        SignInOutcome.AccountUnavailable => "account_unavailable",
        SignInOutcome.Unavailable => "unavailable",
        SignInOutcome.Throttled => "throttled",
        _ => "other",
    };
}

/// <summary>What <c>grid.token.validations</c> counts.</summary>
internal enum TokenValidationOutcome
{
    Valid,
    Invalid,
    Unavailable,
}
