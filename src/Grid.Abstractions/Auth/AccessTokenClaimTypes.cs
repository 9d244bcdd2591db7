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
}
