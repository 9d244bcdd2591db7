using System.Reflection;
using Spectre.Console.Cli;

namespace Grid.Cli.Infrastructure;

/// <summary>
/// gridctl's command tree as configured: the commands of each branch and the settings type of each command. Spectre's
/// strict parsing refuses a mistyped command or option naming only the token; the tree lets gridctl answer with the
/// names that exist ("did you mean --dry-run?").
/// </summary>
internal sealed class CommandCatalog
{
    public CommandNode Root { get; } = new("gridctl", settings: null);

    public ICommandConfigurator AddCommand<TCommand>(IConfigurator config, string name)
        where TCommand : class, ICommand
    {
        ArgumentNullException.ThrowIfNull(config);
        Root.Add(name, SettingsOf(typeof(TCommand)));
        return config.AddCommand<TCommand>(name);
    }

    public IBranchConfigurator AddBranch(IConfigurator config, string name, Action<IConfigurator<CommandSettings>> action)
    {
        ArgumentNullException.ThrowIfNull(config);
        var node = Root.Add(name, settings: null);
        return config.AddBranch<CommandSettings>(name, branch => action(new Recording<CommandSettings>(branch, node)));
    }

    /// <summary>The deepest command or branch that the leading words of <paramref name="args"/> name.</summary>
    public CommandNode Find(IReadOnlyList<string> args)
    {
        var node = Root;
        foreach (var arg in args)
        {
            if (node.Settings is not null || !node.Children.TryGetValue(arg, out var child))
            {
                break;
            }

            node = child;
        }

        return node;
    }

    private static Type SettingsOf(Type command) =>
        command.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)).GetGenericArguments()[0];

    /// <summary>Passes a branch's configuration through to Spectre, noting its commands and sub-branches.</summary>
    private sealed class Recording<TSettings>(IConfigurator<TSettings> inner, CommandNode node) : IConfigurator<TSettings>
        where TSettings : CommandSettings
    {
        public void SetDescription(string description) => inner.SetDescription(description);

        public void AddExample(params string[] args) => inner.AddExample(args);

        public void SetDefaultCommand<TDefaultCommand>()
            where TDefaultCommand : class, ICommandLimiter<TSettings> => inner.SetDefaultCommand<TDefaultCommand>();

        public void HideBranch() => inner.HideBranch();

        public ICommandConfigurator AddCommand<TCommand>(string name)
            where TCommand : class, ICommandLimiter<TSettings>
        {
            node.Add(name, SettingsOf(typeof(TCommand)));
            return inner.AddCommand<TCommand>(name);
        }

        public ICommandConfigurator AddDelegate<TDerivedSettings>(string name, Func<CommandContext, TDerivedSettings, CancellationToken, int> func)
            where TDerivedSettings : TSettings
        {
            node.Add(name, typeof(TDerivedSettings));
            return inner.AddDelegate(name, func);
        }

        public ICommandConfigurator AddAsyncDelegate<TDerivedSettings>(
            string name, Func<CommandContext, TDerivedSettings, CancellationToken, Task<int>> func)
            where TDerivedSettings : TSettings
        {
            node.Add(name, typeof(TDerivedSettings));
            return inner.AddAsyncDelegate(name, func);
        }

        public IBranchConfigurator AddBranch<TDerivedSettings>(string name, Action<IConfigurator<TDerivedSettings>> action)
            where TDerivedSettings : TSettings
        {
            var child = node.Add(name, settings: null);
            return inner.AddBranch<TDerivedSettings>(name, branch => action(new Recording<TDerivedSettings>(branch, child)));
        }
    }
}

/// <summary>A command (with <see cref="Settings"/>) or a branch (with <see cref="Children"/>) of gridctl.</summary>
internal sealed class CommandNode(string path, Type? settings)
{
    private readonly Dictionary<string, CommandNode> children = new(StringComparer.Ordinal);

    /// <summary>How it is invoked, e.g. <c>gridctl sync start</c>.</summary>
    public string Path { get; } = path;

    /// <summary>The command's settings; null for a branch.</summary>
    public Type? Settings { get; } = settings;

    public IReadOnlyDictionary<string, CommandNode> Children => children;

    /// <summary>The options as typed (<c>--dry-run</c>, <c>-w</c>), help included.</summary>
    public IReadOnlyList<string> Options => ["--help", "-h", .. Attributes<CommandOptionAttribute>()
        .SelectMany(option => option.LongNames.Select(name => "--" + name).Concat(option.ShortNames.Select(name => "-" + name)))];

    /// <summary>The positional arguments' value names, in order.</summary>
    public IReadOnlyList<string> Arguments =>
        [.. Attributes<CommandArgumentAttribute>().OrderBy(argument => argument.Position).Select(argument => argument.ValueName)];

    internal CommandNode Add(string name, Type? settings)
    {
        var child = new CommandNode($"{Path} {name}", settings);
        children.Add(name, child);
        return child;
    }

    private IEnumerable<T> Attributes<T>()
        where T : Attribute =>
        Settings?.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(property => property.GetCustomAttribute<T>()).OfType<T>() ?? [];
}
