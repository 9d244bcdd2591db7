namespace Grid.WeCom.Simulator.Api;

/// <summary>The simulator answered a WeCom path with a non-zero errcode (real or injected).</summary>
public sealed class ErrCodeAnsweredEventArgs(string path, int errCode, bool injected) : EventArgs
{
    /// <summary>The request path, e.g. "/cgi-bin/user/get".</summary>
    public string Path { get; } = path;

    public int ErrCode { get; } = errCode;

    /// <summary>True when a fault rule produced the errcode.</summary>
    public bool Injected { get; } = injected;
}
