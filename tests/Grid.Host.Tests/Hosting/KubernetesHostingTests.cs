using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Grid.Host.Tests.Hosting;

/// <summary>
/// With Grid:Silo:Kubernetes the silo takes its identity from the pod's environment (as deploy/k8s/deployment.yaml
/// sets it), over Grid's own settings. The variables are process-wide, so this class sets and clears them itself and
/// nothing else in the process reads them.
/// </summary>
public sealed class KubernetesHostingTests
{
    [Fact]
    public async Task InKubernetes_TheSiloNameAddressAndIds_ComeFromThePod()
    {
        var pod = new Dictionary<string, string>
        {
            ["POD_NAME"] = "grid-7d9f8c6b5-x2k4q",
            ["POD_NAMESPACE"] = "identity",
            ["POD_IP"] = "10.1.2.3",
            ["ORLEANS_SERVICE_ID"] = "grid-from-pod",
            ["ORLEANS_CLUSTER_ID"] = "cluster-from-pod",
        };
        foreach (var (name, value) in pod)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            await using var app = GridApp.Build(
            [
                "--Grid:Profile=cluster",
                "--Grid:Silo:Kubernetes=true",
                "--Grid:Silo:ServiceId=grid-from-settings",
                "--ConnectionStrings:Grid=Host=127.0.0.1;Port=1;Database=grid;Username=grid",
                "--Grid:Secrets:MasterKey=" + Convert.ToBase64String(new byte[32]),
            ]);

            var silo = app.Services.GetRequiredService<IOptions<SiloOptions>>().Value;
            var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
            var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;

            Assert.Equal("grid-7d9f8c6b5-x2k4q", silo.SiloName);
            Assert.Equal("10.1.2.3", endpoints.AdvertisedIPAddress?.ToString());
            Assert.Equal(11111, endpoints.SiloPort);
            Assert.Equal(30000, endpoints.GatewayPort);
            Assert.Equal("grid-from-pod", cluster.ServiceId);
            Assert.Equal("cluster-from-pod", cluster.ClusterId);
        }
        finally
        {
            foreach (var name in pod.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
