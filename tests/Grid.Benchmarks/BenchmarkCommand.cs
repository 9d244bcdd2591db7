using Grid.Benchmarks.Callbacks;
using Grid.Benchmarks.Macro;
using Grid.Benchmarks.Micro;
using Grid.Benchmarks.Scale;
using Grid.Benchmarks.SignIn;

namespace Grid.Benchmarks;

/// <summary>Dispatches <c>micro</c>, <c>macro</c>, <c>all</c>, <c>signin</c>, <c>callbacks</c> and <c>scale</c> (see the top of Program.cs).</summary>
internal static class BenchmarkCommand
{
    private const int UsageError = 2;

    private const string Usage = """
        usage:
          dotnet run -c Release --project tests/Grid.Benchmarks -- micro [BenchmarkDotNet args, e.g. --filter *Hash*]
          dotnet run -c Release --project tests/Grid.Benchmarks -- macro [--runs N] [--members N] [--departments N]
          dotnet run -c Release --project tests/Grid.Benchmarks -- all [--runs N] [--members N] [--departments N]
          dotnet run -c Release --project tests/Grid.Benchmarks -- signin [--seconds N] [--concurrency N] [--members N]
          dotnet run -c Release --project tests/Grid.Benchmarks -- callbacks [--members N] [--rates R1,R2,...] [--seconds N] [--postgres CONN]
          dotnet run -c Release --project tests/Grid.Benchmarks -- scale [--members N] [--departments N] [--silos 1|2] [--seconds N] [--concurrency N] [--output FILE]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length == 0)
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return UsageError;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "micro":
                return MicroBenchmarks.Run(rest);
            case "macro":
                return await RunMacroAsync(rest, output).ConfigureAwait(false);
            case "callbacks":
                return CallbackOptions.TryParse(rest, out var callbacks, out var callbackError)
                    ? await CallbackBenchmark.RunAsync(callbacks, output).ConfigureAwait(false)
                    : await FailAsync(output, callbackError).ConfigureAwait(false);
            case "scale":
                return ScaleOptions.TryParse(rest, out var scale, out var scaleError)
                    ? await ScaleBenchmark.RunAsync(scale, output).ConfigureAwait(false)
                    : await FailAsync(output, scaleError).ConfigureAwait(false);
            case "all":
                // Parse first, so that a typo fails in a second rather than after the micro benchmarks.
                if (!MacroOptions.TryParse(rest, out var options, out var error))
                {
                    return await FailAsync(output, error).ConfigureAwait(false);
                }

                var micro = MicroBenchmarks.Run([]);
                var macro = await MacroBenchmarks.RunAsync(options, output).ConfigureAwait(false);
                return Math.Max(micro, macro);
            case "signin":
                return SignInBenchOptions.TryParse(rest, out var signIn, out var signInError)
                    ? await SignInBenchmarks.RunAsync(signIn, output).ConfigureAwait(false)
                    : await FailAsync(output, signInError).ConfigureAwait(false);
            default:
                return await FailAsync(output, $"unknown command '{args[0]}'").ConfigureAwait(false);
        }
    }

    private static async Task<int> RunMacroAsync(string[] args, TextWriter output) =>
        MacroOptions.TryParse(args, out var options, out var error)
            ? await MacroBenchmarks.RunAsync(options, output).ConfigureAwait(false)
            : await FailAsync(output, error).ConfigureAwait(false);

    private static async Task<int> FailAsync(TextWriter output, string error)
    {
        await output.WriteLineAsync($"error: {error}").ConfigureAwait(false);
        await output.WriteLineAsync(Usage).ConfigureAwait(false);
        return UsageError;
    }
}
