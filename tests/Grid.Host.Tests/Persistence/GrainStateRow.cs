namespace Grid.Host.Tests.Persistence;

/// <summary>One row of grid_grain_state, as the tests check it.</summary>
public sealed record GrainStateRow(string StateName, string GrainId, int Version, bool HasPayload);
