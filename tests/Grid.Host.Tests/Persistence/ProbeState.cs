namespace Grid.Host.Tests.Persistence;

/// <summary>The persisted state of the test grains: a scalar, a string and a growing list.</summary>
[GenerateSerializer, Alias("grid.tests.probe-state")]
public sealed class ProbeState
{
    [Id(0)]
    public string Text { get; set; } = "";

    [Id(1)]
    public int Number { get; set; }

    [Id(2)]
    public List<string> History { get; set; } = [];
}
