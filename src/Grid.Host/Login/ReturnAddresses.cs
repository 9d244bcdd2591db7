using Grid.Host.Hosting;

namespace Grid.Host.Login;

/// <summary>
/// Where a browser may be sent after signing in (no open redirect): an address on the login page's own origin (a path
/// such as <c>/app</c> is taken as one), or on an origin of the connector's allow-list (admin.proto
/// <c>allowed_return_origins</c>). Anything else is refused.
/// </summary>
internal static class ReturnAddresses
{
    public static bool TryResolve(string? returnTo, Uri loginOrigin, IReadOnlyCollection<string> allowedOrigins, out Uri resolved)
    {
        resolved = loginOrigin;
        if (string.IsNullOrEmpty(returnTo))
        {
            return true;
        }

        // "//host" and "/\host" are other origins to browsers; only a single leading slash is a path here.
        if (returnTo.StartsWith('/') && !returnTo.StartsWith("//", StringComparison.Ordinal) && !returnTo.StartsWith("/\\", StringComparison.Ordinal))
        {
            return Uri.TryCreate(loginOrigin, returnTo, out resolved!) && SameOrigin(resolved, loginOrigin);
        }

        if (!Uri.TryCreate(returnTo, UriKind.Absolute, out var absolute)
            || (absolute.Scheme != Uri.UriSchemeHttp && absolute.Scheme != Uri.UriSchemeHttps) || absolute.UserInfo.Length > 0)
        {
            return false;
        }

        resolved = absolute;
        return SameOrigin(absolute, loginOrigin)
            || allowedOrigins.Any(origin => GridPublicAddress.TryParseOrigin(origin, out var allowed) && SameOrigin(absolute, allowed));
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
