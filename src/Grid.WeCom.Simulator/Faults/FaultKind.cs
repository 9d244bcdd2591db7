namespace Grid.WeCom.Simulator.Faults;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answer HTTP 200 with the given WeCom errcode instead of serving the call.</summary>
    ErrCode,

    /// <summary>Wait before serving the call (combines with the other kinds).</summary>
    Latency,

    /// <summary>Answer with an HTTP error status (5xx) and an HTML body, as a failing gateway would.</summary>
    HttpStatus,

    /// <summary>Abort the connection without an answer.</summary>
    DropConnection,

    /// <summary>Serve the call but send only the first half of the body.</summary>
    TruncateBody,

    /// <summary>Hold the call until the rule is released, then serve it (combines with the other kinds).</summary>
    Hold,
}
