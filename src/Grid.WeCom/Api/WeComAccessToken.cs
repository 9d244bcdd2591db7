namespace Grid.WeCom.Api;

/// <summary>A cached WeCom access token.</summary>
/// <param name="Value">The token; never printed by <see cref="ToString"/>.</param>
/// <param name="UseUntil">When the token stops being used: WeCom's expiry minus a safety margin.</param>
public sealed record WeComAccessToken(string Value, DateTimeOffset UseUntil)
{
    /// <summary>Describes the token without its value.</summary>
    public override string ToString() => $"WeComAccessToken {{ Value = ***, UseUntil = {UseUntil:O} }}";
}
