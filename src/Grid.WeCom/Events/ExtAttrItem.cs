namespace Grid.WeCom.Events;

/// <summary>One custom member attribute (<c>ExtAttr/Item</c>).</summary>
/// <param name="Name">The attribute's display name.</param>
/// <param name="Type">0 text, 1 web link, 2 mini program.</param>
/// <param name="TextValue">For text attributes, the value.</param>
/// <param name="WebTitle">For web attributes, the link title.</param>
/// <param name="WebUrl">For web attributes, the link address.</param>
public sealed record ExtAttrItem(string Name, int Type, string? TextValue, string? WebTitle, string? WebUrl);
