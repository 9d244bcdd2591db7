using Grid.Abstractions;

namespace Grid.Host.Oidc;

/// <summary>
/// Each tenant is its own issuer, <c>{origin}/t/{tenant}/</c>, in one OpenIddict server: the issuer (OpenIddict's
/// base URI) is set per request from the path, before OpenIddict matches its endpoints, which are relative to it.
/// </summary>
internal static class OidcTenant
{
    /// <summary>The tenant of an issuer or request address <c>/t/{tenant}/...</c>, or null.</summary>
    public static string? Of(Uri? address)
    {
        if (address is null || !address.IsAbsoluteUri)
        {
            return null;
        }

        var segments = address.AbsolutePath.Split('/', 4);
        return segments.Length >= 3 && segments[0].Length == 0 && segments[1] == "t" && GridKeys.IsValidTenantId(Uri.UnescapeDataString(segments[2]))
            ? Uri.UnescapeDataString(segments[2])
            : null;
    }

    /// <summary>The issuer of a tenant on the origin of <paramref name="address"/>.</summary>
    public static Uri Issuer(Uri address, string tenantId) =>
        new(new Uri(address.GetLeftPart(UriPartial.Authority)), $"/t/{Uri.EscapeDataString(tenantId)}/");
}
