namespace Grid.Host.Tests.Persistence;

/// <summary>What a test grain holds, with the storage bookkeeping that the tests check.</summary>
[GenerateSerializer, Immutable, Alias("grid.tests.probe-snapshot")]
public sealed record ProbeSnapshot(
    [property: Id(0)] string Text,
    [property: Id(1)] int Number,
    [property: Id(2)] string[] History,
    [property: Id(3)] bool RecordExists,
    [property: Id(4)] string? ETag);
