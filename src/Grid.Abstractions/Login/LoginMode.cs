namespace Grid.Abstractions.Login;

/// <summary>How a WeCom sign-in runs in the browser.</summary>
[GenerateSerializer]
[Alias("grid.login-mode")]
public enum LoginMode
{
    /// <summary>WeCom's QR login page: the member scans the code with the WeCom app.</summary>
    Qr = 1,

    /// <summary>The OAuth authorize page inside the WeCom client (snsapi_privateinfo, or snsapi_base once consented).</summary>
    Web = 2,
}
