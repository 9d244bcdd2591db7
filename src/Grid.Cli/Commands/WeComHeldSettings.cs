using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>Options of <c>gridctl wecom held approve|discard</c>: held change ids, or <c>--all</c>.</summary>
public sealed class WeComHeldSettings : ConnectorSettings
{
    [CommandArgument(0, "[ID]")]
    [Description("Held change ids (see 'gridctl wecom held list').")]
    public string[] Ids { get; set; } = [];

    [CommandOption("--all")]
    [Description("Every held change.")]
    public bool All { get; set; }

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful)
        {
            return result;
        }

        return (Ids.Length > 0) == All ? ValidationResult.Error("give held change ids or --all, not both") : result;
    }
}
