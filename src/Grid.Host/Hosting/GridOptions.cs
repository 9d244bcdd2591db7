namespace Grid.Host.Hosting;

/// <summary>Host settings, bound from the <c>Grid</c> configuration section.</summary>
public sealed class GridOptions
{
    public const string SectionName = "Grid";

    /// <summary><c>dev</c> (default: one silo, state in memory, no setup) or <c>cluster</c> (PostgreSQL).</summary>
    public string Profile { get; set; } = GridProfiles.Dev;

    public GridEndpointOptions Endpoints { get; set; } = new();

    public GridSiloOptions Silo { get; set; } = new();

    public bool IsCluster => string.Equals(Profile, GridProfiles.Cluster, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The addresses Kestrel listens on.</summary>
public sealed class GridEndpointOptions
{
    /// <summary>HTTP/1.1: login pages, WeCom callbacks, JWKS, health.</summary>
    public string Http { get; set; } = "http://127.0.0.1:5080";

    /// <summary>HTTP/2 cleartext: the gRPC services.</summary>
    public string Grpc { get; set; } = "http://127.0.0.1:5081";

    /// <summary>
    /// The address browsers reach Grid's HTTP endpoint on, when it is not <see cref="Http"/> itself (behind a reverse
    /// proxy or load balancer, e.g. <c>https://sso.example.com</c>): the origin of the login pages, of the redirect_uri
    /// sent to WeCom and of the callback URLs, so it is the domain to configure in WeCom. Empty: <see cref="Http"/> as
    /// bound.
    /// </summary>
    public string? PublicBaseAddress { get; set; }

    /// <summary>
    /// Reverse proxies or load balancers in front of Grid (IP addresses or networks such as <c>10.0.0.0/8</c>) whose
    /// <c>X-Forwarded-For</c> is believed: the client address they report is the one limits and logs use. Empty (the
    /// default): the connection's own address, and the header is ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}

/// <summary>Orleans silo identity and ports.</summary>
public sealed class GridSiloOptions
{
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients use to reach this one (cluster profile).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Stable across deployments: keys grain state and reminders in storage.</summary>
    public string ServiceId { get; set; } = "grid";

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "grid";

    /// <summary>
    /// Running as a Kubernetes pod (cluster profile): the silo's name, advertised address, service id and cluster id
    /// come from the pod (POD_NAME, POD_IP, POD_NAMESPACE, ORLEANS_SERVICE_ID, ORLEANS_CLUSTER_ID), and the silos
    /// delete the pods of silos the cluster declared dead.
    /// </summary>
    public bool Kubernetes { get; set; }
}

public static class GridProfiles
{
    public const string Dev = "dev";
    public const string Cluster = "cluster";
}
