using System.Globalization;

namespace Grid.Benchmarks.Scale;

/// <summary>
/// <c>scale [--members N] [--departments N] [--silos 1|2] [--seconds N] [--concurrency N] [--output FILE]</c>:
/// the company's size (departments default to one per 20 members), the silos of the cluster, how long each directory
/// load case lasts and with how many calls in flight, and where the JSON file goes.
/// </summary>
internal sealed record ScaleOptions(int Members, int Departments, int Silos, int Seconds, int Concurrency, string Output)
{
    public static bool TryParse(string[] args, out ScaleOptions options, out string error)
    {
        options = new ScaleOptions(100_000, 0, 1, 10, 64, "scale-benchmark.json");
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var number = int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0;
            switch (args[i])
            {
                case "--members" when number > 0:
                    options = options with { Members = number };
                    break;
                case "--departments" when number > 0:
                    options = options with { Departments = number };
                    break;
                case "--silos" when number is 1 or 2:
                    options = options with { Silos = number };
                    break;
                case "--seconds" when number > 0:
                    options = options with { Seconds = number };
                    break;
                case "--concurrency" when number > 0:
                    options = options with { Concurrency = number };
                    break;
                case "--output" when !string.IsNullOrWhiteSpace(value):
                    options = options with { Output = value };
                    break;
                default:
                    error = $"unknown or incomplete option '{args[i]}' (--silos takes 1 or 2; numbers are positive)";
                    return false;
            }

            i++;
        }

        if (options.Departments == 0)
        {
            options = options with { Departments = Math.Max(2, options.Members / 20) };
        }

        return true;
    }
}
