namespace Grid.Abstractions.Sessions;

/// <summary>How an end user proved who they are when a session was opened.</summary>
[GenerateSerializer]
[Alias("grid.sign-in-method")]
public enum SignInMethod
{
    /// <summary>The account's password (a fallback).</summary>
    Password = 1,

    /// <summary>A one-time code sent by SMS to the account's mobile (a fallback).</summary>
    SmsCode = 2,

    /// <summary>WeCom's QR code login.</summary>
    WeComQr = 3,

    /// <summary>WeCom's web authorization inside the WeCom client.</summary>
    WeComWeb = 4,
}

/// <summary>The <c>amr</c> values (RFC 8176 where one fits) that access tokens carry for each method.</summary>
public static class SignInMethods
{
    /// <summary>The <c>amr</c> value of <paramref name="method"/>.</summary>
    public static string Amr(SignInMethod method) => method switch
    {
        SignInMethod.Password => "pwd",
        SignInMethod.SmsCode => "sms",
        SignInMethod.WeComQr => "wecom_qr",
        SignInMethod.WeComWeb => "wecom_web",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a sign-in method"),
    };
}
