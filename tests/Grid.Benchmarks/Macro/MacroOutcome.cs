namespace Grid.Benchmarks.Macro;

/// <summary>What one run did.</summary>
/// <param name="Items">Items processed, for the throughput (members planned or fetched).</param>
/// <param name="Work">A short description of the work done, e.g. "105,000 steps" or "5,015 requests".</param>
internal sealed record MacroOutcome(long Items, string Work);
