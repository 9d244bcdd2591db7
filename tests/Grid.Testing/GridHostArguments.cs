namespace Grid.Testing;

/// <summary>Command-line configuration for Grid.Host under test: loopback only, ports 0 wherever a port may be 0.</summary>
public static class GridHostArguments
{
    private static readonly string[] LoopbackEndpoints =
    [
        "--Grid:Endpoints:Http=http://127.0.0.1:0",
        "--Grid:Endpoints:Grpc=http://127.0.0.1:0",
    ];

    /// <summary>The dev profile (memory storage, localhost clustering), its dev credential written to the given path.</summary>
    public static string[] Dev(string devCredentialPath)
    {
        var ports = LoopbackPorts.Free(2);
        return
        [
            "--Grid:Profile=dev",
            .. LoopbackEndpoints,
            $"--Grid:Silo:SiloPort={ports[0]}",
            $"--Grid:Silo:GatewayPort={ports[1]}",
            $"--Grid:Auth:DevCredential:Path={devCredentialPath}",
            "--Logging:LogLevel:Default=Warning",
        ];
    }

    /// <summary>The cluster profile on PostgreSQL: one silo of the cluster named by the service and cluster ids.</summary>
    public static string[] Cluster(string connectionString, string serviceId, string clusterId, int siloPort, int gatewayPort) =>
    [
        "--Grid:Profile=cluster",
        $"--ConnectionStrings:Grid={connectionString}",
        $"--Grid:Silo:ServiceId={serviceId}",
        $"--Grid:Silo:ClusterId={clusterId}",
        $"--Grid:Silo:SiloPort={siloPort}",
        $"--Grid:Silo:GatewayPort={gatewayPort}",
        .. LoopbackEndpoints,
    ];

    /// <summary>
    /// The WeCom client's API, OAuth and login origins, all pointed at one (simulated) WeCom, and sign-in SMS sent to
    /// the simulator's inbox (/_sim/sms), confirmation emails to its email inbox (/_sim/email).
    /// </summary>
    public static string[] WeCom(Uri wecom)
    {
        var origin = wecom.ToString().TrimEnd('/');
        return
        [
            $"--WeCom:ApiBaseUrl={origin}",
            $"--WeCom:OAuthBaseUrl={origin}",
            $"--WeCom:LoginBaseUrl={origin}",
            $"--Grid:SignIn:Sms:WebhookUrl={origin}/_sim/sms",
            $"--Grid:SignIn:Email:WebhookUrl={origin}/_sim/email",
        ];
    }
}
