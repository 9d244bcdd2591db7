namespace Grid.WeCom.Simulator.Faults;

/// <summary>How a truncated body ends.</summary>
public enum TruncationMode
{
    /// <summary>Declare the full Content-Length, send half, then abort the connection.</summary>
    Abort,

    /// <summary>Send half the body without a Content-Length and end the response normally (invalid JSON).</summary>
    End,
}
