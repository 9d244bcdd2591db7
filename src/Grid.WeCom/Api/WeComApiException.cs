namespace Grid.WeCom.Api;

/// <summary>
/// WeCom answered a call with a non-zero <c>errcode</c>. Decide on <see cref="ErrCode"/> (see
/// <see cref="WeComErrorCodes"/>), never on <see cref="ErrMsg"/>, whose text varies and carries request hints.
/// </summary>
public sealed class WeComApiException : Exception
{
    public WeComApiException(string api, int errCode, string? errMsg)
        : base($"WeCom {api} failed with errcode {errCode}: {errMsg}")
    {
        Api = api;
        ErrCode = errCode;
        ErrMsg = errMsg;
    }

    /// <summary>The API path, e.g. <c>cgi-bin/user/get</c>.</summary>
    public string Api { get; }

    /// <summary>WeCom's error code.</summary>
    public int ErrCode { get; }

    /// <summary>WeCom's message, for people only.</summary>
    public string? ErrMsg { get; }
}
