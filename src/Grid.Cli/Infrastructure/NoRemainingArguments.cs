using Grid.Cli.Commands;
using Spectre.Console.Cli;

namespace Grid.Cli.Infrastructure;

/// <summary>
/// Refuses what strict parsing lets through: arguments after "--", which no gridctl command takes. A command must
/// never run with part of its command line ignored.
/// </summary>
internal sealed class NoRemainingArguments : ICommandInterceptor
{
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ignored = context.Remaining.Raw.Concat(context.Remaining.Parsed.Select(option => option.Key)).ToList();
        if (ignored.Count > 0)
        {
            throw new CliException(ExitCodes.Usage, $"unexpected argument(s) after '--': '{string.Join(' ', ignored)}' (no gridctl command takes any)");
        }
    }
}
