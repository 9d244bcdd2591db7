namespace Grid.WeCom.Simulator.Model;

/// <summary>An app's "接收消息服务器" settings: where and how WeCom posts encrypted change events.</summary>
public sealed record SimulatedCallbackSettings
{
    /// <summary>The receiver URL; WeCom adds msg_signature, timestamp and nonce to its query.</summary>
    public required Uri Url { get; init; }

    /// <summary>Up to 32 letters and digits.</summary>
    public required string Token { get; init; }

    /// <summary>43 letters and digits: base64 of the 32-byte AES key without its trailing '='.</summary>
    public required string EncodingAesKey { get; init; }

    /// <summary>Prints the URL only: the token and key are secrets.</summary>
    public override string ToString() => $"SimulatedCallbackSettings {{ Url = {Url} }}";
}
