using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>Options of commands about one run: <c>gridctl sync show|approve|cancel RUN</c>.</summary>
public class SyncRunSettings : ConnectorSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("The run id (see 'gridctl sync runs').")]
    public string RunId { get; set; } = "";

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        return result.Successful && string.IsNullOrWhiteSpace(RunId) ? ValidationResult.Error("RUN is required") : result;
    }
}
