using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grid.Host.Hosting;

/// <summary>Validates <see cref="GridOptions"/> with messages that name the setting to fix.</summary>
public sealed class GridOptionsValidator(IConfiguration configuration) : IValidateOptions<GridOptions>
{
    public ValidateOptionsResult Validate(string? name, GridOptions options)
    {
        var failures = new List<string>();
        if (!string.Equals(options.Profile, GridProfiles.Dev, StringComparison.OrdinalIgnoreCase) && !options.IsCluster)
        {
            failures.Add($"Grid:Profile must be '{GridProfiles.Dev}' or '{GridProfiles.Cluster}' (got '{options.Profile}').");
        }

        ValidateEndpoint(failures, "Grid:Endpoints:Http", options.Endpoints.Http);
        ValidateEndpoint(failures, "Grid:Endpoints:Grpc", options.Endpoints.Grpc);
        if (!string.IsNullOrEmpty(options.Endpoints.PublicBaseAddress) && !GridPublicAddress.TryParseOrigin(options.Endpoints.PublicBaseAddress, out _))
        {
            failures.Add($"Grid:Endpoints:PublicBaseAddress must be an absolute http(s) URL with a host and no path, query or user, e.g. https://sso.example.com (got '{options.Endpoints.PublicBaseAddress}').");
        }

        for (var i = 0; i < options.Endpoints.TrustedProxies.Count; i++)
        {
            if (!IPNetwork.TryParse(NetworkOf(options.Endpoints.TrustedProxies[i]), out _))
            {
                failures.Add($"Grid:Endpoints:TrustedProxies:{i} must be an IP address or a network like 10.0.0.0/8 (got '{options.Endpoints.TrustedProxies[i]}').");
            }
        }

        ValidatePort(failures, "Grid:Silo:SiloPort", options.Silo.SiloPort);
        ValidatePort(failures, "Grid:Silo:GatewayPort", options.Silo.GatewayPort);
        if (options.Silo.SiloPort == options.Silo.GatewayPort)
        {
            failures.Add("Grid:Silo:SiloPort and Grid:Silo:GatewayPort must differ.");
        }

        if (string.IsNullOrWhiteSpace(options.Silo.ServiceId))
        {
            failures.Add("Grid:Silo:ServiceId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Silo.ClusterId))
        {
            failures.Add("Grid:Silo:ClusterId must not be empty.");
        }

        if (options.Silo.Kubernetes && !options.IsCluster)
        {
            failures.Add($"Grid:Silo:Kubernetes needs Grid:Profile '{GridProfiles.Cluster}' (membership is on PostgreSQL).");
        }

        if (options.IsCluster)
        {
            if (!options.Silo.Kubernetes && !IPAddress.TryParse(options.Silo.AdvertisedAddress, out _))
            {
                failures.Add($"Grid:Silo:AdvertisedAddress must be an IP address (got '{options.Silo.AdvertisedAddress}').");
            }

            ValidateConnectionString(failures, configuration.GetConnectionString("Grid"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A proxy setting as a network: an address alone is a network of that one address.</summary>
    internal static string NetworkOf(string proxy)
    {
        var value = proxy.Trim();
        return value.Contains('/', StringComparison.Ordinal) || !IPAddress.TryParse(value, out var address)
            ? value
            : $"{value}/{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)}";
    }

    private static void ValidateEndpoint(List<string> failures, string setting, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || uri.AbsolutePath != "/" || (uri.Host != "localhost" && !IPAddress.TryParse(uri.Host, out _) && uri.Host != "*"))
        {
            failures.Add($"{setting} must be an http URL with an IP address or localhost and a port, e.g. http://127.0.0.1:5080 (got '{value}').");
        }
    }

    private static void ValidatePort(List<string> failures, string setting, int port)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"{setting} must be between 1 and 65535 (got {port}).");
        }
    }

    private static void ValidateConnectionString(List<string> failures, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add("ConnectionStrings:Grid is required by the cluster profile (a PostgreSQL connection string).");
            return;
        }

        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(parsed.Host))
            {
                failures.Add("ConnectionStrings:Grid must name a Host.");
            }
        }
        catch (ArgumentException ex)
        {
            failures.Add($"ConnectionStrings:Grid is not a valid PostgreSQL connection string: {ex.Message}");
        }
    }
}
