using Microsoft.AspNetCore.WebUtilities;

namespace Grid.Host.Oidc;

/// <summary>
/// What the login pages need to know of an authorization request they return to: the address the authorize endpoint
/// will send the browser on to (the application's redirect URI), so that the page's forms may end up there.
/// </summary>
internal static class OidcAuthorizeAddresses
{
    /// <summary>
    /// The redirect URI of <paramref name="address"/> when it is an authorization request of <paramref name="tenantId"/>'s
    /// issuer naming an application of the tenant and one of its registered redirect URIs (exactly), else null.
    /// </summary>
    public static async Task<Uri?> RedirectUriAsync(IGrainFactory grains, string tenantId, Uri address)
    {
        if (!string.Equals(address.AbsolutePath, $"/t/{Uri.EscapeDataString(tenantId)}/{OidcEndpointScope.Authorization}", StringComparison.Ordinal))
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(address.Query);
        var redirectUri = query["redirect_uri"].ToString();
        var application = await OidcRequestHandlers.ApplicationAsync(grains, OidcTenant.Issuer(address, tenantId), query["client_id"].ToString());
        return application is not null && application.RedirectUris.Contains(redirectUri, StringComparer.Ordinal)
            && Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect)
            ? redirect
            : null;
    }
}
