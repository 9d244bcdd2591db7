using System.Globalization;
using Grid.WeCom.Simulator.Faults;

namespace Grid.Grains.Tests.Faults;

/// <summary>
/// The faults of the WeCom fault matrix (tests/README.md) as simulator rules on one path: "once" for the retry column
/// (the client must get past it), "always" (every attempt of the run or the call) for the fail-closed column.
/// </summary>
internal static class WeComFaults
{
    public static readonly string[] Kinds =
        ["45009", "45033", "42001", "40014", "40001", "60011", "60020", "48009", "5xx", "timeout", "reset", "truncated"];

    public static FaultRule Inject(FaultInjector faults, string path, string kind, bool always)
    {
        var times = always ? 1000 : 1;
        return kind switch
        {
            "5xx" => faults.ReturnHttpStatus(path, 503, times),
            "timeout" => faults.Delay(path, TimeSpan.FromSeconds(1.5), times),
            "reset" => faults.DropConnection(path, times),
            "truncated" => faults.TruncateBody(path, times, TruncationMode.End),
            _ => faults.ReturnErrCode(path, int.Parse(kind, CultureInfo.InvariantCulture), times),
        };
    }
}
