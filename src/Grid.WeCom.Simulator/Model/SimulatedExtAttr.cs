namespace Grid.WeCom.Simulator.Model;

/// <summary>One custom attribute (<c>extattr.attrs[]</c>): type 0 is text, type 1 is a web link.</summary>
public sealed record SimulatedExtAttr
{
    public required string Name { get; init; }

    /// <summary>0 = text (uses <see cref="Text"/>), 1 = web (uses <see cref="Url"/> and <see cref="Title"/>).</summary>
    public int Type { get; init; }

    public string Text { get; init; } = "";

    public string Url { get; init; } = "";

    public string Title { get; init; } = "";
}
