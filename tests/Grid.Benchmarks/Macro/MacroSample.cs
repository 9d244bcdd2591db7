namespace Grid.Benchmarks.Macro;

/// <summary>One measured run: wall time, process CPU time (all threads), bytes allocated by the process.</summary>
internal sealed record MacroSample(TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes, MacroOutcome Outcome);
