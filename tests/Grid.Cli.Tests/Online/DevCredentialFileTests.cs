using Grid.Cli.Commands;

namespace Grid.Cli.Tests.Online;

public sealed class DevCredentialFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gridctl-find-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Find_PrefersTheExplicitPath_ThenAParentsGridFolder_ThenTheUserFile()
    {
        var work = Directory.CreateDirectory(Path.Combine(_root, "repo", "src", "app")).FullName;
        var user = Write(Path.Combine(_root, "home", ".config", "grid", "dev-credentials.json"));
        var explicitFile = Write(Path.Combine(_root, "elsewhere.json"));

        var fromUser = DevCredentialFile.Find(null, work, user);
        var inParent = Write(Path.Combine(_root, "repo", ".grid", "credentials.json"));
        var fromParent = DevCredentialFile.Find(null, work, user);
        var fromExplicit = DevCredentialFile.Find(explicitFile, work, user);
        var explicitMissing = DevCredentialFile.Find(Path.Combine(_root, "missing.json"), work, user);

        Assert.Equal(user, fromUser);
        Assert.Equal(inParent, fromParent);
        Assert.Equal(explicitFile, fromExplicit);
        Assert.Null(explicitMissing);
    }

    [Fact]
    public void Find_WithNoFileAnywhere_IsNull()
    {
        Assert.Null(DevCredentialFile.Find(null, _root, Path.Combine(_root, "no-such", "dev-credentials.json")));
    }

    private static string Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{}");
        return path;
    }
}
