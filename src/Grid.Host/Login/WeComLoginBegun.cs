namespace Grid.Host.Login;

/// <summary>A begun WeCom sign-in: where to send the browser, and what it must bring back.</summary>
/// <param name="Url">The WeCom QR login page or OAuth authorize URL.</param>
/// <param name="State">The one-time state (also in <paramref name="Url"/>).</param>
/// <param name="BrowserBinding">The secret the browser keeps and presents with the code (a cookie on Grid's pages).</param>
/// <param name="ExpiresAt">When the state stops being accepted.</param>
/// <param name="ConnectorId">The connector the sign-in runs through.</param>
internal sealed record WeComLoginBegun(string Url, string State, string BrowserBinding, DateTimeOffset ExpiresAt, string ConnectorId);
