using Grid.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Grid.Host.Tests.Hosting;

/// <summary>A value with a newline (a tenant id, a userid from WeCom) cannot write a log line of its own.</summary>
public sealed class EscapingConsoleFormatterTests
{
    [Fact]
    public void Write_AMessageQuotingControlCharacters_IsOneLineWithThemEscaped()
    {
        var formatter = new EscapingConsoleFormatter(new FixedOptions(new SimpleConsoleFormatterOptions()));
        var writer = new StringWriter { NewLine = "\n" };
        const string forged = "acme\ninfo: Grid.Grains.Tenants.TenantGrain[4001] Tenant platform deleted\r\u001b[2K\0";

        formatter.Write(
            new LogEntry<string>(LogLevel.Information, "Grid.Grains.Tenants.TenantGrain", new EventId(4001), forged, null, (state, _) => $"Tenant {state} created"),
            null,
            writer);

        Assert.Equal(
            @"info: Grid.Grains.Tenants.TenantGrain[4001] Tenant acme\ninfo: Grid.Grains.Tenants.TenantGrain[4001] Tenant platform deleted\r\u001b[2K\0 created" + "\n",
            writer.ToString());
    }

    [Fact]
    public void Write_AnException_FollowsOnIndentedLines()
    {
        var formatter = new EscapingConsoleFormatter(new FixedOptions(new SimpleConsoleFormatterOptions()));
        var writer = new StringWriter { NewLine = "\n" };

        formatter.Write(
            new LogEntry<string>(LogLevel.Error, "Grid", new EventId(1005), "run", new InvalidOperationException("bad\nfail: forged"), (state, _) => state),
            null,
            writer);

        var lines = writer.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal("fail: Grid[1005] run", lines[0]);
        Assert.All(lines[1..], line => Assert.StartsWith("      ", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHost_LogsToTheConsoleInThisFormat()
    {
        await using var app = GridApp.Build(["--Grid:Dev:Demo=false"]);

        var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(EscapingConsoleFormatter.FormatterName, console.FormatterName);
        Assert.Contains(app.Services.GetServices<ConsoleFormatter>(), formatter => formatter is EscapingConsoleFormatter);
    }

    private sealed class FixedOptions(SimpleConsoleFormatterOptions value) : IOptionsMonitor<SimpleConsoleFormatterOptions>
    {
        public SimpleConsoleFormatterOptions CurrentValue => value;

        public SimpleConsoleFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SimpleConsoleFormatterOptions, string?> listener) => null;
    }
}
