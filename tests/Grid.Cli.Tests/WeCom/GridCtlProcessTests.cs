using System.Diagnostics;
using System.Text;

namespace Grid.Cli.Tests.WeCom;

/// <summary>Runs the built gridctl as a separate process, as an operator would.</summary>
public sealed class GridCtlProcessTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Process_DecryptsAChineseXmlBodyFromStandardInputAsUtf8()
    {
        var vector = CryptVector.Get("wecom_py_post_xml");

        var run = await RunAsync(vector.Arguments("--body", "-"), vector.PostBody!);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(vector.ExpectedPlaintext + "\n", run.Out);
        Assert.Contains("你好", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Process_RejectsTheNegativeVectorWithExitCode3AndOneLineOnStandardError()
    {
        var vector = CryptVector.Get("NEGATIVE_php_json_comment");

        var run = await RunAsync(vector.Arguments("--echostr", vector.EchostrOrEncrypt), string.Empty);

        Assert.Equal(3, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Equal("error: signature does not match (-40001)\n", run.Error);
    }

    [Fact]
    public async Task Process_WithAMissingOption_ExitsWith2()
    {
        var run = await RunAsync(["wecom", "decrypt", "--token", "T"], string.Empty);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: missing required option(s)", run.Error, StringComparison.Ordinal);
    }

    private static async Task<GridCtlRun> RunAsync(string[] args, string stdin)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gridctl.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // An ASCII-only locale must not mangle the Chinese plaintext.
        start.Environment["LANG"] = "C";
        start.Environment["LC_ALL"] = "C";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("gridctl did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gridctl did not exit within {ProcessTimeout}.");
        }

        return new GridCtlRun(process.ExitCode, await output, await error);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
