namespace Grid.WeCom.Api;

/// <summary>The link of a web attribute.</summary>
public sealed record WeComExtAttrWeb
{
    public string? Url { get; init; }

    public string? Title { get; init; }
}
