namespace Grid.WeCom.Simulator.Login;

/// <summary>The scopes a code can carry: OAuth's two, and the QR login page's own.</summary>
internal static class LoginScopes
{
    public const string Base = "snsapi_base";
    public const string PrivateInfo = "snsapi_privateinfo";
    public const string QrLogin = "qr_login";
}
