using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using YamlDotNet.RepresentationModel;

namespace Grid.Host.Tests.Deployment;

/// <summary>
/// deploy/'s Dockerfile, compose file and Kubernetes objects against the repository and the host they deploy (there is
/// no container engine here to build or run them): every YAML parses, the objects have what Kubernetes and Orleans'
/// Kubernetes hosting need, every setting a cluster requires is set, the Dockerfile copies what exists and starts the
/// assemblies the projects build, and the probes ask routes the host serves.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string[] PodIdentity = ["POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID"];

    [Fact]
    public void EveryYamlFile_Parses_AndEveryKubernetesObject_HasItsApiVersionKindAndName()
    {
        var files = DeployFiles.YamlFiles().ToList();
        var objects = DeployFiles.KubernetesObjects();

        Assert.Contains(files, f => f.EndsWith(Path.Combine("compose", "compose.yaml"), StringComparison.Ordinal));
        Assert.All(files, file => Assert.NotEmpty(DeployFiles.Documents(file)));
        Assert.All(objects, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Scalar("apiVersion")), o.ToString());
            Assert.False(string.IsNullOrEmpty(o.Scalar("metadata", "name")), o.ToString());
        });
        Assert.Equal(
            ["ConfigMap", "Deployment", "PodDisruptionBudget", "Role", "RoleBinding", "Secret", "Service", "ServiceAccount"],
            objects.Select(o => o.Scalar("kind")!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheDeployment_GivesEachSiloItsPodIdentity_Probes_Resources_AndTheSettings_AndTheServiceAndBudgetSelectItsPods()
    {
        var objects = DeployFiles.KubernetesObjects();
        var deployment = objects.Kind("Deployment");
        var pod = deployment.Mapping("spec", "template");
        var labels = pod.Mapping("metadata", "labels").Strings();
        var container = Assert.IsType<YamlMappingNode>(Assert.Single(pod.Sequence("spec", "containers")));
        var ports = container.Sequence("ports").Cast<YamlMappingNode>().ToDictionary(p => p.Scalar("name")!, p => p.Scalar("containerPort")!);
        var env = container.Sequence("env").Cast<YamlMappingNode>().ToDictionary(e => e.Scalar("name")!, e => e);
        var envFrom = container.Sequence("envFrom").Cast<YamlMappingNode>().ToList();

        Assert.True(int.Parse(deployment.Scalar("spec", "replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Equal("0", deployment.Scalar("spec", "strategy", "rollingUpdate", "maxUnavailable"));
        Assert.All(deployment.Mapping("spec", "selector", "matchLabels").Strings(), l => Assert.Equal(l.Value, labels[l.Key]));
        Assert.Equal(objects.Kind("ServiceAccount").Scalar("metadata", "name"), pod.Scalar("spec", "serviceAccountName"));
        Assert.Equal("grid", labels["orleans/serviceId"]);
        Assert.Equal("grid", labels["orleans/clusterId"]);
        Assert.All(PodIdentity, name => Assert.NotNull(env[name].Scalar("valueFrom", "fieldRef", "fieldPath")));
        Assert.Equal("metadata.labels['orleans/serviceId']", env["ORLEANS_SERVICE_ID"].Scalar("valueFrom", "fieldRef", "fieldPath"));
        Assert.Contains(envFrom, e => e.Scalar("configMapRef", "name") == objects.Kind("ConfigMap").Scalar("metadata", "name"));
        Assert.Contains(envFrom, e => e.Scalar("secretRef", "name") == objects.Kind("Secret").Scalar("metadata", "name"));
        Assert.Equal(["gateway", "grpc", "http", "silo"], ports.Keys.Order(StringComparer.Ordinal));
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Equal("http", container.Scalar(probe, "httpGet", "port"));
            Assert.StartsWith("/", container.Scalar(probe, "httpGet", "path"), StringComparison.Ordinal);
        }

        Assert.NotNull(container.Scalar("resources", "requests", "cpu"));
        Assert.NotNull(container.Scalar("resources", "requests", "memory"));
        Assert.NotNull(container.Scalar("resources", "limits", "memory"));
        Assert.Equal("true", pod.Scalar("spec", "securityContext", "runAsNonRoot"));

        var service = objects.Kind("Service");
        Assert.All(service.Mapping("spec", "selector").Strings(), l => Assert.Equal(l.Value, labels[l.Key]));
        var targets = service.Sequence("spec", "ports").Cast<YamlMappingNode>().Select(p => p.Scalar("targetPort")!).ToList();
        Assert.Equal(["grpc", "http"], targets.Order(StringComparer.Ordinal));
        var budget = objects.Kind("PodDisruptionBudget");
        Assert.All(budget.Mapping("spec", "selector", "matchLabels").Strings(), l => Assert.Equal(l.Value, labels[l.Key]));
        Assert.Equal(ports["silo"], objects.Kind("ConfigMap").Mapping("data").Strings()["Grid__Silo__SiloPort"]);
        var rules = objects.Kind("Role").Sequence("rules").Cast<YamlMappingNode>().ToList();
        Assert.Contains(rules, r => r.Sequence("resources").Cast<YamlScalarNode>().Any(v => v.Value == "pods")
            && r.Sequence("verbs").Cast<YamlScalarNode>().Select(v => v.Value).ToHashSet().IsSupersetOf(["list", "watch", "delete"]));
    }

    [Fact]
    public void EverySettingACluster_Requires_IsInTheConfigMapOrSecret_AndInEveryComposeSilo()
    {
        var required = DeployFiles.RequiredClusterSettings();
        var objects = DeployFiles.KubernetesObjects();
        var configMap = objects.Kind("ConfigMap").Mapping("data").Strings();
        var secret = objects.Kind("Secret").Mapping("stringData").Strings();
        var compose = Assert.Single(DeployFiles.Documents(DeployFiles.Path("deploy", "compose", "compose.yaml")));
        var silos = compose.Mapping("services").Children
            .Where(s => ((YamlScalarNode)s.Key).Value!.StartsWith("grid-", StringComparison.Ordinal))
            .Select(s => (YamlMappingNode)s.Value).ToList();

        Assert.Equal(["ConnectionStrings__Grid", "Grid__Secrets__MasterKey"], required.Order(StringComparer.Ordinal));
        Assert.Equal("cluster", configMap["Grid__Profile"]);
        Assert.Equal("true", configMap["Grid__Silo__Kubernetes"]);
        Assert.Contains("Grid__Auth__Bootstrap__ClientSecret", secret.Keys);
        Assert.All(required, key => Assert.True(configMap.ContainsKey(key) || secret.ContainsKey(key), $"{key} is in neither the ConfigMap nor the Secret"));
        Assert.All(["ConnectionStrings__Grid", "Grid__Secrets__MasterKey", "Grid__Auth__Bootstrap__ClientSecret"],
            key => Assert.False(configMap.ContainsKey(key), $"{key} is a secret, not a ConfigMap setting"));
        Assert.Equal(3, silos.Count);
        Assert.All(silos, silo =>
        {
            var environment = silo.Mapping("environment").Strings();
            Assert.Equal("cluster", environment["Grid__Profile"]);
            Assert.All(required, key => Assert.True(environment.ContainsKey(key), $"{key} is not in a compose silo's environment"));
        });
        var postgres = compose.Mapping("services", "postgres");
        Assert.Contains(postgres.Sequence("volumes").Cast<YamlScalarNode>(), v => v.Value == "../sql/postgresql:/docker-entrypoint-initdb.d:ro");
        Assert.True(Directory.Exists(Path.GetFullPath(Path.Combine(DeployFiles.Path("deploy", "compose"), "../sql/postgresql"))));
        Assert.NotNull(compose.Mapping("services", "simulator"));
    }

    [Fact]
    public void TheDockerfile_BuildsFromTheOfficialImages_CopiesWhatExists_RunsAsNonRoot_AndStartsTheAssembliesTheProjectsBuild()
    {
        var lines = File.ReadAllLines(DeployFiles.Path("deploy", "docker", "Dockerfile"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        var froms = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();
        var copies = lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToList();
        var published = PublishedProject().Matches(string.Join('\n', lines)).Select(m => m.Groups["project"].Value).ToList();
        var entrypoints = lines.Where(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)).Select(l => DllOf().Match(l).Groups["dll"].Value).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], froms);
        Assert.All(copies, source => Assert.True(
            File.Exists(DeployFiles.Path(source)) || Directory.Exists(DeployFiles.Path(source)), $"COPY {source}: not in the repository"));
        Assert.Equal(["src/Grid.Host/Grid.Host.csproj", "src/Grid.WeCom.Simulator/Grid.WeCom.Simulator.csproj"], published);
        Assert.All(published, project => Assert.True(File.Exists(DeployFiles.Path(project)), project));
        Assert.Equal(["Grid.WeCom.Simulator.dll", "Grid.Host.dll"], entrypoints);
        Assert.Equal(typeof(GridApp).Assembly.GetName().Name + ".dll", entrypoints[^1]);
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, entrypoints[^1])));
        Assert.Equal(2, lines.Count(l => l == "USER $APP_UID"));
        Assert.DoesNotContain(lines, l => l.StartsWith("USER root", StringComparison.Ordinal) || l == "USER 0");
        Assert.EndsWith("AS host", lines.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(File.Exists(DeployFiles.Path("deploy", "docker", "Dockerfile.dockerignore")));
    }

    [Fact]
    public async Task EveryProbePath_AndThePrometheusScrapePath_AreRoutesTheHostServes()
    {
        await using var app = GridApp.Build([]);
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/')).ToHashSet(StringComparer.Ordinal);
        var container = Assert.IsType<YamlMappingNode>(Assert.Single(
            DeployFiles.KubernetesObjects().Kind("Deployment").Sequence("spec", "template", "spec", "containers")));
        var scrapePath = DeployFiles.KubernetesObjects().Kind("Deployment").Scalar("spec", "template", "metadata", "annotations", "prometheus.io/path");

        Assert.All(new[] { "startupProbe", "readinessProbe", "livenessProbe" }, probe =>
            Assert.Contains(container.Scalar(probe, "httpGet", "path")!, routes));
        Assert.Contains(scrapePath!, routes);
    }

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex("\"(?<dll>[^\"]+\\.dll)\"")]
    private static partial Regex DllOf();
}
