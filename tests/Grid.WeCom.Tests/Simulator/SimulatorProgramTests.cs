using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Grid.WeCom.Tests.Simulator;

/// <summary>The standalone simulator as a developer runs it: its own process, its shipped logging defaults.</summary>
public sealed partial class SimulatorProgramTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Standalone_LogsNoAccessToken_AndSaysItStoppedOnSigterm()
    {
        var port = FreePort();
        using var simulator = Start($"--Simulator:Port={port}");
        var banner = await simulator.WaitForLineAsync(line => line.Contains("secret ", StringComparison.Ordinal));
        var corpId = (await simulator.WaitForLineAsync(line => line.Contains("corp id", StringComparison.Ordinal))).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        var secret = banner.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var token = JsonDocument.Parse(await http.GetStringAsync($"cgi-bin/gettoken?corpid={corpId}&corpsecret={secret}"));
        var accessToken = token.RootElement.GetProperty("access_token").GetString()!;
        var departments = await http.GetStringAsync($"cgi-bin/department/list?access_token={accessToken}");

        using (var kill = Process.Start("kill", ["-TERM", simulator.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await simulator.Process.WaitForExitAsync().WaitAsync(Patience);

        Assert.Contains("\"errcode\":0", departments, StringComparison.Ordinal);
        Assert.DoesNotContain(accessToken, simulator.Output, StringComparison.Ordinal);
        Assert.Contains($"WeCom simulator stopped (corp {corpId})", simulator.Output, StringComparison.Ordinal);
        Assert.Equal(0, simulator.Process.ExitCode);
    }

    [Fact]
    public async Task Standalone_OnABusyPort_SaysSoInOneLine_AndExitsWithPortInUse()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        using var simulator = Start($"--Simulator:Port={port}");
        await simulator.Process.WaitForExitAsync().WaitAsync(Patience);

        Assert.Equal(3, simulator.Process.ExitCode);
        var error = Assert.Single(simulator.Errors);
        Assert.StartsWith($"WeCom simulator cannot start: port {port} on 127.0.0.1 is in use; pass --Simulator:Port=", error, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), simulator.Output);
    }

    [GeneratedRegex(@"^\s+at ", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static SimulatorProcess Start(params string[] arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Grid.WeCom.Simulator.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new SimulatorProcess(start);
    }

    private sealed class SimulatorProcess : IDisposable
    {
        private readonly StringBuilder _output = new();
        private readonly List<string> _errors = [];
        private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

        public SimulatorProcess(ProcessStartInfo start)
        {
            Process = new Process { StartInfo = start };
            Process.OutputDataReceived += (_, line) => Received(line.Data, error: false);
            Process.ErrorDataReceived += (_, line) => Received(line.Data, error: true);
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        /// <summary>Everything written so far, stdout and stderr.</summary>
        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_output)
                {
                    return [.. _errors];
                }
            }
        }

        public async Task<string> WaitForLineAsync(Func<string, bool> match)
        {
            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_output)
            {
                var existing = _output.ToString().Split('\n').FirstOrDefault(match);
                if (existing is not null)
                {
                    return existing.TrimEnd('\r');
                }

                _waiters.Add((match, found));
            }

            try
            {
                return await found.Task.WaitAsync(Patience);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The simulator did not print the expected line within {Patience.TotalSeconds} s. Output:\n{Output}");
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }

        private void Received(string? line, bool error)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
                if (error)
                {
                    _errors.Add(line);
                }

                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Found.TrySetResult(line);
                }
            }
        }
    }
}
