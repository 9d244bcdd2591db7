using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Grid.Cli.Infrastructure;

/// <summary>Spectre's help with an EXIT CODES section of its own after the options and commands.</summary>
internal sealed class GridHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    private readonly Style header = settings.HelpProviderStyles?.Options?.Header ?? Style.Plain;

    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        var codes = new Spectre.Console.Grid().AddColumn(new GridColumn().PadLeft(4)).AddColumn(new GridColumn().PadLeft(2));
        foreach (var (code, meaning) in ExitCodes.Meanings)
        {
            codes.AddRow(new Text(code.ToString(CultureInfo.InvariantCulture)), new Text(meaning));
        }

        return [.. base.GetFooter(model, command), new Text(Environment.NewLine), new Text("EXIT CODES:", header), new Text(Environment.NewLine), codes];
    }
}
