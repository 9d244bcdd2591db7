namespace Grid.WeCom.Simulator.Faults;

/// <summary>
/// Faults to inject per request path, for tests (in-process) and manual runs (/_sim/faults). Paths may be given as
/// "user/list_id", "cgi-bin/user/list_id" or "/cgi-bin/user/list_id"; "*" matches every path but /_sim/.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>Matches every WeCom path.</summary>
    public const string AnyPath = "*";

    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private long _nextId;

    /// <summary>The installed rules, including exhausted ones until <see cref="Clear"/>.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>The next <paramref name="times"/> calls to <paramref name="path"/> answer <paramref name="errCode"/>.</summary>
    public FaultRule ReturnErrCode(string path, int errCode, int times = 1) =>
        Add(new FaultRule(NextId(), Normalize(path), FaultKind.ErrCode, times) { ErrCode = errCode });

    /// <summary>Calls to <paramref name="path"/> wait <paramref name="delay"/> first (the next <paramref name="times"/>, or all).</summary>
    public FaultRule Delay(string path, TimeSpan delay, int? times = null) =>
        Add(new FaultRule(NextId(), Normalize(path), FaultKind.Latency, times) { Delay = delay });

    /// <summary>
    /// The next <paramref name="times"/> calls to <paramref name="path"/> wait until <see cref="FaultRule.Release"/>
    /// (a test's deterministic pause: <see cref="FaultRule.Entered"/> tells it a call is being held). In-process only.
    /// </summary>
    public FaultRule Hold(string path, int times = 1) =>
        Add(new FaultRule(NextId(), Normalize(path), FaultKind.Hold, times));

    /// <summary>The next <paramref name="times"/> calls to <paramref name="path"/> answer HTTP <paramref name="status"/>.</summary>
    public FaultRule ReturnHttpStatus(string path, int status = 503, int times = 1)
    {
        if (status is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "An injected HTTP error status is 4xx or 5xx.");
        }

        return Add(new FaultRule(NextId(), Normalize(path), FaultKind.HttpStatus, times) { HttpStatus = status });
    }

    /// <summary>The next <paramref name="times"/> calls to <paramref name="path"/> get their connection aborted.</summary>
    public FaultRule DropConnection(string path, int times = 1) =>
        Add(new FaultRule(NextId(), Normalize(path), FaultKind.DropConnection, times));

    /// <summary>The next <paramref name="times"/> calls to <paramref name="path"/> get half their body.</summary>
    public FaultRule TruncateBody(string path, int times = 1, TruncationMode mode = TruncationMode.Abort) =>
        Add(new FaultRule(NextId(), Normalize(path), FaultKind.TruncateBody, times) { Truncation = mode });

    public bool Remove(FaultRule rule)
    {
        lock (_gate)
        {
            return _rules.Remove(rule);
        }
    }

    public bool Remove(long id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(rule => rule.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>"user/list_id" and "cgi-bin/user/list_id" become "/cgi-bin/user/list_id"; other spaces keep their path.</summary>
    public static string Normalize(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var trimmed = path.Trim();
        if (trimmed == AnyPath)
        {
            return AnyPath;
        }

        trimmed = "/" + trimmed.TrimStart('/');
        string[] spaces = ["/cgi-bin/", "/connect/", "/wwlogin/", "/wwopen/", "/_sim/"];
        return spaces.Any(space => trimmed.StartsWith(space, StringComparison.Ordinal)) ? trimmed : "/cgi-bin" + trimmed;
    }

    /// <summary>
    /// The delays, the holds and the one terminal fault (first installed wins) that apply to a request, consuming
    /// their uses.
    /// </summary>
    internal (TimeSpan Delay, IReadOnlyList<FaultRule> Holds, FaultRule? Terminal) Match(string path)
    {
        var delay = TimeSpan.Zero;
        List<FaultRule> holds = [];
        FaultRule? terminal = null;
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Path != AnyPath && !string.Equals(rule.Path, path, StringComparison.Ordinal))
                {
                    continue;
                }

                if (rule.Kind == FaultKind.Latency)
                {
                    if (rule.TryUse())
                    {
                        delay += rule.Delay;
                    }
                }
                else if (rule.Kind == FaultKind.Hold)
                {
                    if (rule.TryUse())
                    {
                        holds.Add(rule);
                    }
                }
                else if (terminal is null && rule.TryUse())
                {
                    terminal = rule;
                }
            }
        }

        return (delay, holds, terminal);
    }

    private FaultRule Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    private long NextId() => Interlocked.Increment(ref _nextId);
}
