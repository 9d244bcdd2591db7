using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Grid.Benchmarks.SignIn;

/// <summary>
/// Options of the sign-in benchmarks: <c>--seconds N</c> per case, <c>--concurrency N</c> calls in flight, <c>--members
/// N</c> in the simulated company. The WeCom sign-ins take the members in turn: with few of them, each account soon
/// holds <c>Grid:Sessions:MaxSessionsPerAccount</c> sessions and every further sign-in also revokes its oldest.
/// </summary>
internal sealed record SignInBenchOptions(int Seconds, int Concurrency, int Members)
{
    public static SignInBenchOptions Default { get; } = new(Seconds: 10, Concurrency: 32, Members: 10);

    public static bool TryParse(string[] args, out SignInBenchOptions options, [NotNullWhen(false)] out string? error)
    {
        options = Default;
        error = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                error = $"{args[i]} needs a whole number of at least 1";
                return false;
            }

            switch (args[i])
            {
                case "--seconds":
                    options = options with { Seconds = value };
                    break;
                case "--concurrency":
                    options = options with { Concurrency = value };
                    break;
                case "--members":
                    options = options with { Members = value };
                    break;
                default:
                    error = $"unknown option '{args[i]}' (known: --seconds, --concurrency, --members)";
                    return false;
            }
        }

        return true;
    }
}
