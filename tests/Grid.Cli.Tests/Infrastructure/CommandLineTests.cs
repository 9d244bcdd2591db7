using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using Grid.Cli.Infrastructure;
using Grid.Cli.Tests.WeCom;
using Spectre.Console.Cli;

namespace Grid.Cli.Tests.Infrastructure;

/// <summary>How gridctl reads its command line: strictly, with suggestions for typos, a version, and help.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("unknown option '--dryrun' for 'gridctl sync start': did you mean '--dry-run'?", "sync", "start", "--connector", "c", "--dryrun")]
    [InlineData("unknown option '--dryrun' for 'gridctl sync start': did you mean '--dry-run'?", "sync", "start", "--connector", "c", "--dryrun=true")]
    [InlineData("unknown option '--tokn' for 'gridctl wecom decrypt': did you mean '--token'?", "wecom", "decrypt", "--tokn", "T")]
    [InlineData("unknown option '--limit' for 'gridctl accounts list' (known: --help, --organization, --page-size, --page-token, --all, --server, --output, --tenant)",
        "accounts", "list", "--limit", "3")]
    [InlineData("unknown command 'strat' for 'gridctl sync': did you mean 'start'?", "sync", "strat")]
    [InlineData("unknown command 'synx' for 'gridctl': did you mean 'sync'?", "synx", "runs")]
    [InlineData("unexpected argument 'extra': 'gridctl accounts list' takes no arguments", "accounts", "list", "extra")]
    [InlineData("unexpected argument 'b': 'gridctl accounts get' takes only ACCOUNT_ID", "accounts", "get", "a", "b")]
    [InlineData("unexpected argument(s) after '--': 'extra' (no gridctl command takes any)", "orgs", "list", "--", "extra")]
    [InlineData("option '--server' comes before a command: write it after the command it is for ('gridctl COMMAND ... --server')",
        "--server", "http://127.0.0.1:5081", "orgs", "list")]
    public async Task AnUnknownOptionCommandOrArgument_IsAUsageError_NamingTheClosestKnownName(string expected, params string[] args)
    {
        var run = await GridCtlRun.InProcessAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal($"error: {expected}", run.Error.Split('\n')[0]);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task AnUnknownOption_PointsAtTheCommandsHelp()
    {
        var run = await GridCtlRun.InProcessAsync(["sync", "start", "--connector", "c", "--dryrun"]);

        Assert.Equal("Run 'gridctl sync start --help' for usage.", run.Error.Split('\n')[1].Trim());
    }

    [Fact]
    public async Task Version_PrintsTheAssemblyInformationalVersion()
    {
        var expected = typeof(GridCtl).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var run = await GridCtlRun.InProcessAsync(["--version"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(expected, run.Out.Trim());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("sync", "start", "--help")]
    [InlineData("wecom", "decrypt", "--help")]
    public async Task Help_ListsEveryExitCodeInASectionOfItsOwn(params string[] args)
    {
        var run = await GridCtlRun.InProcessAsync(args);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var section = run.Out[run.Out.IndexOf("EXIT CODES:", StringComparison.Ordinal)..];
        Assert.Equal(ExitCodes.Meanings.Count, ExitCodes.Meanings.Select(code => code.Code).Distinct().Count());
        foreach (var (code, meaning) in ExitCodes.Meanings)
        {
            Assert.Matches($@"(?m)^\s+{code}\s+{Regex.Escape(meaning.Split(' ')[0])}", section);
        }
    }

    [Fact]
    public async Task Help_OfEveryCommandAndBranch_Renders()
    {
        var catalog = new CommandCatalog();
        new CommandApp().Configure(config => GridCtl.Configure(config, catalog));
        var paths = Walk(catalog.Root).Select(node => node.Path.Split(' ')[1..]).ToList();

        foreach (var path in paths)
        {
            var run = await GridCtlRun.InProcessAsync([.. path, "--help"]);

            Assert.True(run.ExitCode == ExitCodes.Success, $"{string.Join(' ', path)} --help: {run.Error}");
            Assert.Contains("EXIT CODES:", run.Out, StringComparison.Ordinal);
        }

        Assert.True(paths.Count > 20, $"only {paths.Count} commands and branches");
    }

    [Fact]
    public void EveryOptionAndArgument_OfEveryCommand_HasADescription()
    {
        var settings = typeof(GridCtl).Assembly.GetTypes().Where(type => type.IsAssignableTo(typeof(CommandSettings))).ToList();
        var parameters = settings
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(property => property.GetCustomAttribute<CommandOptionAttribute>() is not null || property.GetCustomAttribute<CommandArgumentAttribute>() is not null)
            .ToList();

        var undescribed = parameters
            .Where(property => string.IsNullOrWhiteSpace(property.GetCustomAttribute<DescriptionAttribute>()?.Description))
            .Select(property => $"{property.DeclaringType!.FullName}.{property.Name}");

        Assert.Contains(typeof(Grid.Cli.Commands.AccountsLookupCommand.Settings), settings);
        Assert.True(parameters.Count > 40, $"found only {parameters.Count} options and arguments");
        Assert.Empty(undescribed);
    }

    private static IEnumerable<CommandNode> Walk(CommandNode node) => node.Children.Values.SelectMany(child => Walk(child).Prepend(child));
}
