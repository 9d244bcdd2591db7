using System.Globalization;

namespace Grid.Benchmarks.Scale;

/// <summary>
/// CPU time of processes from /proc (Linux), so that a run can say which process its cores went to: the silo, the
/// database or this one (the simulator and the load). Times are in clock ticks of 1/100 s (USER_HZ).
/// </summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>User and system time of <paramref name="pid"/>; with its exited, waited-for children's when asked. Zero once it is gone.</summary>
    public static TimeSpan Of(int pid, bool withExitedChildren = false)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return TimeSpan.Zero;
        }

        // After the command's closing parenthesis: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
        var ticks = Field(fields, 14) + Field(fields, 15) + (withExitedChildren ? Field(fields, 16) + Field(fields, 17) : 0);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The live processes whose parent is <paramref name="pid"/>.</summary>
    public static IEnumerable<int> ChildrenOf(int pid)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && StatFields(candidate) is { } fields
                && Field(fields, 4) == pid)
            {
                yield return candidate;
            }
        }
    }

    // The fields of /proc/<pid>/stat from field 3 on (the command, field 2, may hold spaces and parentheses).
    private static string[]? StatFields(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static long Field(string[] fromThird, int field) => long.Parse(fromThird[field - 3], CultureInfo.InvariantCulture);
}
