namespace Grid.Host.Tests.Persistence;

/// <summary>One row of orleans_grain_state, as the tests check it.</summary>
public sealed record GrainStateRow(string StateName, long N0, long N1, string? KeyString, int Version, bool HasPayload);
