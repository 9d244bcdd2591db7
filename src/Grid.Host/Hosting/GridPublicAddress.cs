using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Grid.Host.Hosting;

/// <summary>
/// The one place that builds the addresses browsers and WeCom use to reach Grid's HTTP endpoint:
/// <c>Grid:Endpoints:PublicBaseAddress</c> when set (behind a proxy), otherwise the HTTP endpoint as bound (so a port
/// of 0 resolves to the real one). Its <see cref="Domain"/> is what WeCom calls the trusted and callback domain.
/// </summary>
public sealed class GridPublicAddress(IOptions<GridOptions> options, IServer server)
{
    /// <summary>The origin, e.g. <c>http://127.0.0.1:5080/</c> (read once the server listens).</summary>
    public Uri Base => TryParseOrigin(options.Value.Endpoints.PublicBaseAddress, out var configured)
        ? configured
        : new Uri(HostingExtensions.ReadBoundAddresses(server).Http.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>host[:port] of <see cref="Base"/> (the port left out when it is the scheme's default), lower-case.</summary>
    public string Domain => DomainOf(Base);

    /// <summary>The login page of a tenant.</summary>
    public Uri LoginPage(string tenantId) => new(Base, $"t/{Uri.EscapeDataString(tenantId)}/login");

    /// <summary>The redirect_uri WeCom sends a tenant's login codes to.</summary>
    public Uri LoginCallback(string tenantId) => new(Base, $"t/{Uri.EscapeDataString(tenantId)}/login/wecom/callback");

    /// <summary>host[:port] of an address as WeCom compares domains: the default port left out, lower-case.</summary>
    public static string DomainOf(Uri address) =>
        (address.IsDefaultPort ? address.IdnHost : $"{address.IdnHost}:{address.Port}").ToLowerInvariant();

    /// <summary>Whether <paramref name="value"/> is an absolute http(s) origin (no path, query, fragment or user).</summary>
    public static bool TryParseOrigin(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? origin)
    {
        origin = null;
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
            || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            return false;
        }

        origin = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        return true;
    }
}
