namespace Grid.WeCom.Simulator.Login;

/// <summary>
/// WeCom's trusted-domain rule: the redirect's host and port must equal the configured domain exactly (no parent
/// domains, no wildcards); scheme and path do not matter.
/// </summary>
internal static class TrustedDomains
{
    /// <summary>"host" for default ports, "host:port" otherwise, lower-case.</summary>
    public static string AuthorityOf(Uri uri) =>
        (uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}").ToLowerInvariant();

    public static bool Matches(string? trustedDomain, string authority) =>
        trustedDomain is not null && string.Equals(Normalize(trustedDomain), authority, StringComparison.Ordinal);

    /// <summary>An absolute http(s) redirect_uri, or null.</summary>
    public static Uri? ParseRedirect(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    private static string Normalize(string domain)
    {
        var trimmed = domain.Trim().ToLowerInvariant();
        return trimmed.EndsWith(":80", StringComparison.Ordinal) || trimmed.EndsWith(":443", StringComparison.Ordinal)
            ? trimmed[..trimmed.LastIndexOf(':')]
            : trimmed;
    }
}
