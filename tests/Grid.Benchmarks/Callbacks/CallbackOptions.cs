using System.Globalization;

namespace Grid.Benchmarks.Callbacks;

/// <summary><c>callbacks [--members N] [--rates R1,R2,...] [--seconds N] [--postgres CONN]</c>.</summary>
internal sealed record CallbackOptions(int Members, int[] Rates, int Seconds, string? Postgres)
{
    public static bool TryParse(string[] args, out CallbackOptions options, out string error)
    {
        options = new CallbackOptions(1_000, [250, 500, 1_000, 2_000], 5, null);
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--members" when int.TryParse(value, CultureInfo.InvariantCulture, out var members) && members > 0:
                    options = options with { Members = members };
                    break;
                case "--seconds" when int.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    options = options with { Seconds = seconds };
                    break;
                case "--rates" when value is not null:
                    var rates = value.Split(',').Select(r => int.TryParse(r, CultureInfo.InvariantCulture, out var rate) ? rate : 0).ToArray();
                    if (rates.Any(r => r <= 0))
                    {
                        error = "--rates takes positive numbers separated by commas";
                        return false;
                    }

                    options = options with { Rates = rates };
                    break;
                case "--postgres" when value is not null:
                    options = options with { Postgres = value };
                    break;
                default:
                    error = $"unknown or incomplete option '{args[i]}'";
                    return false;
            }

            i++;
        }

        return true;
    }
}
