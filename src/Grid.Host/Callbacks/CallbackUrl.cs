namespace Grid.Host.Callbacks;

/// <summary>
/// The one place that knows the callback URL of a connector: <c>{base}/t/{tenant}/wecom/{connector}/events</c>, the
/// URL to enter in WeCom's "接收消息服务器" settings. The base is Grid's public address (<c>GridPublicAddress</c>:
/// Grid:Endpoints:PublicBaseAddress behind a proxy, else the HTTP endpoint as bound).
/// </summary>
public static class CallbackUrl
{
    /// <summary>The route the receiver is mapped on.</summary>
    public const string Route = "/t/{tenant}/wecom/{connector}/events";

    public static Uri For(Uri baseAddress, string tenantId, string connectorId)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var root = baseAddress.AbsoluteUri.TrimEnd('/');
        return new Uri($"{root}/t/{Uri.EscapeDataString(tenantId)}/wecom/{Uri.EscapeDataString(connectorId)}/events");
    }
}
