namespace Grid.WeCom.Api;

/// <summary>The value of a text attribute.</summary>
public sealed record WeComExtAttrText
{
    public string? Value { get; init; }
}
