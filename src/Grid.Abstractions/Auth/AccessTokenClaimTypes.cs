namespace Grid.Abstractions.Auth;

/// <summary>The claim names in Grid's access tokens (besides the registered iss, aud, sub, iat, nbf, exp, jti).</summary>
public static class AccessTokenClaimTypes
{
    /// <summary>The tenant the token is valid for.</summary>
    public const string Tenant = "tenant";

    /// <summary>The granted scopes, space-separated (RFC 9068).</summary>
    public const string Scope = "scope";

    /// <summary>The service client the token was issued to (RFC 9068).</summary>
    public const string ClientId = "client_id";

    /// <summary>The sign-in session of an end user's token (OpenID Connect's <c>sid</c>).</summary>
    public const string SessionId = "sid";

    /// <summary>How the end user signed in (RFC 8176 <c>amr</c>, one value).</summary>
    public const string AuthenticationMethods = "amr";

    /// <summary>
    /// What kind of principal a token stands for. End-user tokens carry <see cref="EndUserTokenType"/>; tokens without
    /// the claim are service-client tokens. Admin and Directory accept service-client tokens only.
    /// </summary>
    public const string TokenType = "token_type";

    /// <summary>The <see cref="TokenType"/> of an end user's access token (its <c>sub</c> is the account id).</summary>
    public const string EndUserTokenType = "end_user";
}
