using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace Grid.WeCom.Api;

/// <summary>
/// The one resilience pipeline every WeCom call attempt runs through: retry (outermost) → client-side quota →
/// per-attempt timeout. Retrying here, around "send, read, parse", rather than in an HTTP handler lets one policy
/// cover both transport failures and WeCom's HTTP-200 rate-limit errcodes, without nested retry loops.
/// </summary>
internal sealed class WeComCallPipeline : IDisposable
{
    private const int MaxQueuedCalls = 1_000_000;

    private static readonly ResiliencePropertyKey<string> ApiProperty = new("grid.wecom.api");
    private static readonly ResiliencePropertyKey<string?> QuotaProperty = new("grid.wecom.quota");

    private readonly ResiliencePipeline<WeComReply> _pipeline;
    private readonly PartitionedRateLimiter<string>? _quota;
    private readonly ILogger _logger;

    public WeComCallPipeline(IOptions<WeComOptions> options, TimeProvider timeProvider, ILogger<WeComClient> logger)
    {
        var settings = options.Value;
        _logger = logger;
        _quota = settings.Quotas.Enabled ? CreateQuota(settings.Quotas) : null;

        var builder = new ResiliencePipelineBuilder<WeComReply> { TimeProvider = timeProvider };
        if (settings.Retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<WeComReply>
            {
                MaxRetryAttempts = settings.Retry.MaxRetryAttempts,
                Delay = settings.Retry.BaseDelay,
                MaxDelay = settings.Retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<WeComReply>()
                    .Handle<HttpRequestException>(IsTransient)
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(reply => WeComErrorCodes.IsTransient(reply.ErrCode)),
                OnRetry = OnRetryAsync,
            });
        }

        if (_quota is not null)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = AcquireQuotaAsync });
        }

        _pipeline = builder.AddTimeout(settings.RequestTimeout).Build();
    }

    /// <summary>Runs <paramref name="attempt"/> under retry, quota and timeout.</summary>
    /// <param name="api">The API path, for quotas and logs.</param>
    /// <param name="quotaKey">The quota partition (corp and API), or <see langword="null"/> for quota-exempt calls.</param>
    /// <param name="attempt">Sends one request and parses its reply; called again on each retry.</param>
    /// <param name="cancellationToken">Cancels waiting, sending and retrying.</param>
    public async Task<WeComReply> ExecuteAsync(
        string api,
        string? quotaKey,
        Func<CancellationToken, Task<WeComReply>> attempt,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ApiProperty, api);
        context.Properties.Set(QuotaProperty, quotaKey);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (context, attempt) => await attempt(context.CancellationToken).ConfigureAwait(false),
                context,
                attempt).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _quota?.Dispose();

    private static bool IsTransient(HttpRequestException exception) => exception.StatusCode switch
    {
        null => true,
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
        var status => (int)status >= 500,
    };

    private ValueTask OnRetryAsync(OnRetryArguments<WeComReply> arguments)
    {
        var api = arguments.Context.Properties.GetValue(ApiProperty, "?");
        var attempt = arguments.AttemptNumber + 1;
        if (arguments.Outcome.Result is { } reply)
        {
            WeComLog.RetryingErrCode(_logger, api, reply.ErrCode, attempt, arguments.RetryDelay);
            WeComMetrics.Retry(api, WeComMetrics.ErrCode(reply.ErrCode));
        }
        else
        {
            var reason = arguments.Outcome.Exception switch
            {
                HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
                HttpRequestException { HttpRequestError: var error } => $"HTTP request error {error}",
                TimeoutRejectedException => "attempt timed out",
                var exception => exception?.GetType().Name ?? "unknown",
            };
            WeComLog.RetryingFailure(_logger, api, reason, attempt, arguments.RetryDelay);
            WeComMetrics.Retry(api, arguments.Outcome.Exception is TimeoutRejectedException ? "timeout" : "http_error");
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask<RateLimitLease> AcquireQuotaAsync(RateLimiterArguments arguments)
    {
        var quotaKey = arguments.Context.Properties.GetValue(QuotaProperty, null);
        if (quotaKey is null || _quota is null)
        {
            return QuotaExempt.Lease;
        }

        var pending = _quota.AcquireAsync(quotaKey, 1, arguments.Context.CancellationToken);
        if (!pending.IsCompleted)
        {
            var api = arguments.Context.Properties.GetValue(ApiProperty, "?");
            WeComLog.QuotaWait(_logger, api);
            WeComMetrics.QuotaWait(api);
        }

        return await pending.ConfigureAwait(false);
    }

    private static PartitionedRateLimiter<string> CreateQuota(WeComQuotaOptions quotas)
    {
        var perApiPerMinute = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetSlidingWindowLimiter(key, _ => Window(quotas.PerApiPerMinute, TimeSpan.FromMinutes(1))));
        var perApiPerHour = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetSlidingWindowLimiter(key, _ => Window(quotas.PerApiPerHour, TimeSpan.FromHours(1))));
        // WeCom counts per source IP; one process is one source, whatever corp or API it calls.
        var perIpPerMinute = PartitionedRateLimiter.Create<string, string>(_ =>
            RateLimitPartition.GetSlidingWindowLimiter("process", _ => Window(quotas.PerIpPerMinute, TimeSpan.FromMinutes(1))));
        return PartitionedRateLimiter.CreateChained(perApiPerMinute, perApiPerHour, perIpPerMinute);
    }

    private static SlidingWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        SegmentsPerWindow = 6,
        QueueLimit = MaxQueuedCalls,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    /// <summary>A lease for calls WeCom does not count (auth/getuserinfo with a valid code).</summary>
    private sealed class QuotaExempt : RateLimitLease
    {
        public static readonly QuotaExempt Lease = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
