using System.ComponentModel;
using Grid.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl wecom preview [--userid U]... [--sample N] [--mappings FILE]</c>: what the field mappings make of a few
/// WeCom members, writing nothing; exit 7 when any member has errors (as <c>wecom validate</c> does for findings).
/// </summary>
public sealed class WeComPreviewCommand(StandardStreams streams, GridSession session) : OnlineCommand<WeComPreviewCommand.Settings>(streams, session)
{
    public sealed class Settings : ConnectorSettings
    {
        [CommandOption("-u|--userid <USERID>")]
        [Description("A WeCom userid to preview; repeat the option for more (at most 50). Default: a sample of the first members.")]
        public string[] Userids { get; set; } = [];

        [CommandOption("--sample <N>")]
        [Description("How many members to sample when no --userid is given (default 5, at most 50).")]
        public int Sample { get; set; }

        [CommandOption("-m|--mappings <FILE>")]
        [Description("Try the field_mappings of this connector file instead of the stored mappings: the JSON 'wecom configure --file' "
            + "takes, or just {\"field_mappings\": {\"account\": ..., \"match_rule\": ...}} ('-' for standard input). "
            + "Its match_rule applies; without one the stored rule does, as 'wecom configure' would keep it.")]
        public string? Mappings { get; set; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful && Sample != 0 && Userids.Length > 0
                ? ValidationResult.Error("--sample applies only without --userid")
                : result;
        }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var proposed = settings.Mappings is { } file ? await ReadMappingsAsync(file, cancellationToken) : null;
        using var grid = await Session.ConnectAsync(settings, cancellationToken);
        var response = await grid.Admin.PreviewMappingAsync(new PreviewMappingRequest
        {
            TenantId = TenantOf(settings, grid),
            ConnectorId = settings.Connector!,
            FieldMappings = proposed,
            Userids = { settings.Userids },
            SampleSize = settings.Sample,
        }, grid.Call(cancellationToken));
        var withErrors = response.Members.Count(member => member.Errors.Count > 0);
        if (settings.Json)
        {
            await WriteJsonListAsync(response.Members, nextPageToken: null);
        }
        else if (response.Members.Count == 0)
        {
            await Streams.Out.WriteLineAsync("no members to preview: WeCom shows this application none");
        }
        else
        {
            Console().Write(Render(response));
            var members = response.Members.Count == 1 ? "1 member" : $"{response.Members.Count} members";
            await Streams.Out.WriteLineAsync(withErrors == 0 ? $"{members}, no errors" : $"{members}, {withErrors} with errors");
        }

        return withErrors == 0 ? ExitCodes.Success : ExitCodes.NotSucceeded;
    }

    private async Task<FieldMappings> ReadMappingsAsync(string file, CancellationToken cancellationToken) =>
        (await ConnectorFile.ReadAsync(file, "--mappings", Streams.In, cancellationToken)).FieldMappings
        ?? throw new CliException(ExitCodes.Usage, $"--mappings {file} has no field_mappings (write {{\"field_mappings\": {{\"account\": ...}}}})");

    // One row per member with the fields as "target = value" lines in one cell: ten account fields side by side would
    // not fit 80-120 columns, while a member per row (separated by a rule) keeps the sample easy to scan.
    private static Table Render(PreviewMappingResponse response)
    {
        var table = new Table().ShowRowSeparators()
            .AddColumn("userid").AddColumn("account fields").AddColumn("errors").AddColumn("matched account");
        foreach (var member in response.Members)
        {
            table.AddRow(
                Markup.Escape(member.Userid),
                Lines(member.AccountFields, (target, value) => Markup.Escape($"{target} = {value}")),
                Lines(member.Errors, (target, message) => Markup.Escape($"{target}: {message}")),
                Markup.Escape(member.MatchedAccountId));
        }

        return table;
    }

    private static string Lines(IDictionary<string, string> fields, Func<string, string, string> line) =>
        string.Join('\n', fields.OrderBy(field => field.Key, StringComparer.Ordinal).Select(field => line(field.Key, field.Value)));
}
