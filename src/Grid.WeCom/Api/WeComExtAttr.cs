namespace Grid.WeCom.Api;

/// <summary>A member's custom attributes (<c>extattr</c>).</summary>
public sealed record WeComExtAttr
{
    public IReadOnlyList<WeComExtAttrItem>? Attrs { get; init; }
}
