namespace Grid.Benchmarks.Macro;

/// <summary>One end-to-end case: a name, the unit its throughput counts, and one run.</summary>
/// <param name="Name">What the case does, as printed.</param>
/// <param name="Unit">What <see cref="MacroOutcome.Items"/> counts, e.g. "members".</param>
/// <param name="RunAsync">One run; it checks its own result and throws when the result is wrong.</param>
internal sealed record MacroCase(string Name, string Unit, Func<Task<MacroOutcome>> RunAsync);
