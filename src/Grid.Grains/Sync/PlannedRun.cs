namespace Grid.Grains.Sync;

/// <summary>What a run's plan came to.</summary>
/// <param name="IsBlocked">Protection blocks it: nothing is applied until an admin approves.</param>
/// <param name="Issues">What the planner left as it was, as the run's message shows it; empty when nothing.</param>
internal sealed record PlannedRun(bool IsBlocked, string Issues);
