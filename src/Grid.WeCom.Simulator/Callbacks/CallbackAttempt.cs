namespace Grid.WeCom.Simulator.Callbacks;

/// <summary>One POST of a callback: the HTTP status it got (null when it timed out or failed to connect).</summary>
public sealed record CallbackAttempt(int Number, int? HttpStatus, string? Error, TimeSpan Duration)
{
    /// <summary>True when the receiver acknowledged the callback (HTTP 200).</summary>
    public bool Succeeded => HttpStatus == 200;
}
