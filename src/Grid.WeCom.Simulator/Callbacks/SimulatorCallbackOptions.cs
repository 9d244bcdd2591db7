namespace Grid.WeCom.Simulator.Callbacks;

/// <summary>How the simulator posts change_contact callbacks; the defaults are WeCom's (5 s, 3 tries in total).</summary>
public sealed class SimulatorCallbackOptions
{
    /// <summary>How long one POST may take before WeCom gives up on it and retries.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries in total, the first included.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Pause between a failed try and the next one (WeCom retries at once).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long the URL check (GET with echostr) on saving callback settings may take: WeCom asks for 1 s.</summary>
    public TimeSpan VerificationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many settled deliveries the log keeps (the oldest are dropped first).</summary>
    public int LogCapacity { get; set; } = 10_000;
}
