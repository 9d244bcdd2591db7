using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Grid.WeCom.Api;

/// <summary>
/// The WeCom client's instruments (meter <see cref="MeterName"/>). Tags are the API path (a fixed set), the errcode
/// WeCom answered or a failure kind: never a corp id, user id, token or URL.
/// </summary>
public static class WeComMetrics
{
    public const string MeterName = "Grid.WeCom";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "grid.wecom.calls", "{call}", "WeCom API calls by API and result (errcode, or http_error, timeout, canceled), retries included in one call");

    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "grid.wecom.call.duration", "s", "Time of one WeCom API call, its retries and quota waits included");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "grid.wecom.retries", "{retry}", "Attempts of a WeCom call retried, by API and reason (errcode or failure kind)");

    private static readonly Counter<long> QuotaWaits = Meter.CreateCounter<long>(
        "grid.wecom.quota.waits", "{wait}", "WeCom calls that waited for a client-side quota slot, by API");

    internal static void Call(string api, string result, TimeSpan elapsed)
    {
        var tags = new TagList { { "api", api }, { "result", result } };
        Calls.Add(1, tags);
        CallDuration.Record(elapsed.TotalSeconds, tags);
    }

    internal static string ErrCode(int errCode) => errCode.ToString(CultureInfo.InvariantCulture);

    internal static void Retry(string api, string reason) => Retries.Add(1, new TagList { { "api", api }, { "reason", reason } });

    internal static void QuotaWait(string api) => QuotaWaits.Add(1, new KeyValuePair<string, object?>("api", api));
}
