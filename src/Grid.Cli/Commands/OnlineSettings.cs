using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>Options of every command that talks to a Grid server.</summary>
public class OnlineSettings : CommandSettings
{
    [CommandOption("--server <URL>")]
    [Description("The gRPC address of Grid, or several separated by commas (silos of one cluster): the first reachable one is used "
        + "(default: $GRIDCTL_SERVER, else the one stored by 'gridctl login' or the dev credential's).")]
    public string? Server { get; set; }

    [CommandOption("-o|--output <FORMAT>")]
    [Description("table (default, for people) or json (for scripts: an object as itself, a list as {\"items\": list, \"next_page_token\": token}, "
        + "one JSON value per line, proto field names).")]
    [DefaultValue("table")]
    public string Output { get; set; } = "table";

    [CommandOption("-t|--tenant <TENANT>")]
    [Description("The tenant (default: the credential's tenant).")]
    public string? Tenant { get; set; }

    public bool Json => Output == "json";

    public override ValidationResult Validate() => Output is "table" or "json"
        ? ValidationResult.Success()
        : ValidationResult.Error($"--output must be 'table' or 'json' (got '{Output}')");
}
