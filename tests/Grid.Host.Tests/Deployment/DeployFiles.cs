using YamlDotNet.RepresentationModel;

namespace Grid.Host.Tests.Deployment;

/// <summary>The repository's deploy/ folder, its YAML documents and README's configuration table, as the tests read them.</summary>
internal static class DeployFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static IEnumerable<string> YamlFiles() =>
        Directory.EnumerateFiles(Path("deploy"), "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path("deploy"), "*.yml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);

    /// <summary>Every document of a YAML file (aliases resolved), as mappings.</summary>
    public static List<YamlMappingNode> Documents(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode))];
    }

    /// <summary>The Kubernetes objects of deploy/k8s.</summary>
    public static List<YamlMappingNode> KubernetesObjects() =>
        [.. Directory.EnumerateFiles(Path("deploy", "k8s"), "*.yaml").SelectMany(Documents)];

    public static YamlMappingNode Kind(this IEnumerable<YamlMappingNode> objects, string kind) =>
        Assert.Single(objects, o => o.Scalar("kind") == kind);

    public static string? Scalar(this YamlNode node, params string[] path) => node.At(path) is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlNode? At(this YamlNode node, params string[] path)
    {
        var current = (YamlNode?)node;
        foreach (var key in path)
        {
            current = current is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return current;
    }

    public static YamlMappingNode Mapping(this YamlNode node, params string[] path) =>
        Assert.IsType<YamlMappingNode>(node.At(path));

    public static YamlSequenceNode Sequence(this YamlNode node, params string[] path) =>
        Assert.IsType<YamlSequenceNode>(node.At(path));

    public static Dictionary<string, string> Strings(this YamlMappingNode mapping) => mapping.Children.ToDictionary(
        c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal);

    /// <summary>
    /// The settings README's configuration table says a cluster requires (its meaning says "required by `cluster`"),
    /// as environment variable names (<c>Grid__Secrets__MasterKey</c>).
    /// </summary>
    public static List<string> RequiredClusterSettings()
    {
        var rows = File.ReadLines(Path("README.md"))
            .SkipWhile(line => !line.StartsWith("## Profiles and configuration", StringComparison.Ordinal))
            .TakeWhile(line => !line.StartsWith("### ", StringComparison.Ordinal))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal));
        var required = new List<string>();
        foreach (var row in rows)
        {
            var cells = row.Split('|');
            if (cells[3].Contains("required by `cluster`", StringComparison.Ordinal))
            {
                required.Add(cells[1].Trim().Trim('`').Replace(":", "__", StringComparison.Ordinal));
            }
        }

        return required;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Grid.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Grid.sln above {AppContext.BaseDirectory}: the tests run from the repository.");
    }
}
