using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>Options of commands about one WeCom connector.</summary>
public class ConnectorSettings : OnlineSettings
{
    [CommandOption("-c|--connector <CONNECTOR>")]
    [Description("The connector id within the tenant (default: $GRIDCTL_CONNECTOR).")]
    public string? Connector { get; set; } = Environment.GetEnvironmentVariable("GRIDCTL_CONNECTOR");

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        return result.Successful && string.IsNullOrWhiteSpace(Connector)
            ? ValidationResult.Error("--connector is required (or set GRIDCTL_CONNECTOR)")
            : result;
    }
}
