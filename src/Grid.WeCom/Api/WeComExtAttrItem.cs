namespace Grid.WeCom.Api;

/// <summary>One custom attribute: type 0 text (<see cref="Text"/>), 1 web link (<see cref="Web"/>), 2 mini program.</summary>
public sealed record WeComExtAttrItem
{
    public int Type { get; init; }

    public string? Name { get; init; }

    public WeComExtAttrText? Text { get; init; }

    public WeComExtAttrWeb? Web { get; init; }
}
