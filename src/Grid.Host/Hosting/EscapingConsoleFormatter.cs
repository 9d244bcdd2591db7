using System.Globalization;
using Grid.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Grid.Host.Hosting;

/// <summary>
/// The console log format: one line per entry, <c>level: category[event id] message</c>, with control characters in
/// the message escaped (<see cref="SafeText.Escape"/>). Messages quote values from requests, WeCom and HTTP paths; a
/// value with a newline would otherwise write a line that reads as an entry of its own. An exception follows on
/// indented lines, so that none of them reads as an entry either.
/// </summary>
public sealed class EscapingConsoleFormatter(IOptionsMonitor<SimpleConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "grid";

    private const string ExceptionIndent = "      ";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var settings = options.CurrentValue;
        if (settings.TimestampFormat is { } format)
        {
            var now = settings.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            textWriter.Write(now.ToString(format, CultureInfo.InvariantCulture));
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        textWriter.Write("] ");
        textWriter.WriteLine(SafeText.Escape(message));
        if (logEntry.Exception is { } exception)
        {
            foreach (var line in exception.ToString().Split('\n'))
            {
                textWriter.Write(ExceptionIndent);
                textWriter.WriteLine(SafeText.Escape(line.TrimEnd('\r')));
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
