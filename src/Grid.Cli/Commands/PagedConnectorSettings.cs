using System.ComponentModel;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// Options of a connector's listings (<c>gridctl sync runs</c>, <c>gridctl wecom held list</c>, <c>gridctl wecom events
/// list</c>): a page at a time.
/// </summary>
public class PagedConnectorSettings : ConnectorSettings
{
    [CommandOption("--page-size <N>")]
    [Description("Items per page (default: the server's, 20 runs, 50 held changes or 50 events).")]
    public int PageSize { get; set; }

    [CommandOption("--page-token <TOKEN>")]
    [Description("The next_page_token of the previous page.")]
    public string? PageToken { get; set; }
}
