using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Grid.Benchmarks.Macro;

/// <summary>Options of the macro benchmarks: <c>--runs N</c>, <c>--members N</c>, <c>--departments N</c>.</summary>
internal sealed record MacroOptions(int Runs, int Members, int Departments, int Seed)
{
    public static MacroOptions Default { get; } = new(Runs: 5, Members: 100_000, Departments: 5_000, Seed: 20_260_501);

    public static bool TryParse(string[] args, out MacroOptions options, [NotNullWhen(false)] out string? error)
    {
        options = Default;
        error = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                error = $"{args[i]} needs a non-negative whole number";
                return false;
            }

            switch (args[i])
            {
                case "--runs" when value >= 1:
                    options = options with { Runs = value };
                    break;
                case "--members" when value >= 1:
                    options = options with { Members = value };
                    break;
                case "--departments" when value >= 1:
                    options = options with { Departments = value };
                    break;
                case "--runs" or "--members" or "--departments":
                    error = $"{args[i]} must be at least 1";
                    return false;
                default:
                    error = $"unknown option '{args[i]}' (known: --runs, --members, --departments)";
                    return false;
            }
        }

        return true;
    }
}
