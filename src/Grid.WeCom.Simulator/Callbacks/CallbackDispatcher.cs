using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Grid.WeCom.Callbacks;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Callbacks;

/// <summary>
/// Posts the encrypted change_contact callbacks of every served company to the apps' callback URLs, one at a time
/// and in order per company, retrying like WeCom (timeout, then up to <see cref="SimulatorCallbackOptions.MaxAttempts"/>
/// tries in total; anything but HTTP 200 counts as a failure). Keeps a log of deliveries for tests.
/// </summary>
public sealed class CallbackDispatcher : IContactChangeSink, IAsyncDisposable
{
    private readonly SimulatorCallbackOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CompanyQueue> _queues = new(StringComparer.Ordinal);
    private readonly LinkedList<CallbackDelivery> _log = new();
    private long _sequence;
    private bool _disposed;

    internal CallbackDispatcher(SimulatorCallbackOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The deliveries so far, oldest first (bounded by <see cref="SimulatorCallbackOptions.LogCapacity"/>).</summary>
    public IReadOnlyList<CallbackDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Completes when every delivery queued so far is settled.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        foreach (var delivery in Deliveries)
        {
            await delivery.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// WeCom's check when callback settings are saved: GET the URL with msg_signature, timestamp, nonce and an
    /// encrypted echostr; the receiver must answer HTTP 200 with the decrypted echostr, exactly, in time.
    /// Returns null when it did, otherwise why not.
    /// </summary>
    internal async Task<string?> VerifyUrlAsync(string corpId, SimulatedCallbackSettings settings, CancellationToken cancellationToken)
    {
        WeComCallbackCrypto crypto;
        try
        {
            crypto = new WeComCallbackCrypto(settings.Token, settings.EncodingAesKey, corpId);
        }
        catch (WeComCryptoException exception)
        {
            return exception.Message;
        }

        var echo = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture)
            + RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var encrypted = crypto.Encrypt(echo);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var url = WithQuery(
            settings.Url,
            $"msg_signature={crypto.Sign(timestamp, nonce, encrypted)}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(encrypted)}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(_options.VerificationTimeout);
        try
        {
            using var response = await _http.GetAsync(url, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"the URL answered HTTP {(int)response.StatusCode}";
            }

            // "响应内容为上一步得到的明文消息内容（不能加引号，不能带bom头，不能带换行符）".
            return string.Equals(body, echo, StringComparison.Ordinal) ? null : "the URL did not answer the decrypted echostr exactly";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the URL did not answer within {_options.VerificationTimeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException exception)
        {
            return exception.Message;
        }
    }

    IReadOnlyList<CallbackDelivery> IContactChangeSink.Publish(
        SimulatedCompany company,
        IReadOnlyList<(SimulatedApp App, ContactEvent Event)> events)
    {
        var createTime = _time.GetUtcNow().ToUnixTimeSeconds();
        var deliveries = new List<CallbackDelivery>(events.Count);
        lock (_gate)
        {
            var queue = QueueFor(company.CorpId);
            foreach (var (app, contactEvent) in events)
            {
                var plaintext = ContactEventXml.Render(company.CorpId, createTime, contactEvent);
                var delivery = new CallbackDelivery(++_sequence, company.CorpId, app, contactEvent.ChangeType, plaintext);
                deliveries.Add(delivery);
                _log.AddLast(delivery);
                while (_log.Count > _options.LogCapacity && _log.First!.Value.Status != CallbackDeliveryStatus.Pending)
                {
                    _log.RemoveFirst();
                }

                if (_disposed || !queue.Channel.Writer.TryWrite(delivery))
                {
                    delivery.Settle(CallbackDeliveryStatus.Cancelled);
                }
            }
        }

        return deliveries;
    }

    public async ValueTask DisposeAsync()
    {
        Task[] consumers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var queue in _queues.Values)
            {
                queue.Channel.Writer.TryComplete();
            }

            consumers = [.. _queues.Values.Select(queue => queue.Consumer)];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(consumers).ConfigureAwait(false);
        foreach (var delivery in Deliveries)
        {
            delivery.Settle(CallbackDeliveryStatus.Cancelled);
        }

        _http.Dispose();
        _stopping.Dispose();
    }

    private CompanyQueue QueueFor(string corpId)
    {
        if (!_queues.TryGetValue(corpId, out var queue))
        {
            var channel = Channel.CreateUnbounded<CallbackDelivery>(new UnboundedChannelOptions { SingleReader = true });
            queue = new CompanyQueue(channel, Task.Run(() => ConsumeAsync(channel.Reader)));
            _queues[corpId] = queue;
        }

        return queue;
    }

    private async Task ConsumeAsync(ChannelReader<CallbackDelivery> reader)
    {
        try
        {
            await foreach (var delivery in reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                await DeliverAsync(delivery).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: whatever is still queued is settled as cancelled by DisposeAsync.
        }
    }

    private async Task DeliverAsync(CallbackDelivery delivery)
    {
        var settings = delivery.Settings;
        string body;
        Uri url;
        try
        {
            var crypto = new WeComCallbackCrypto(settings.Token, settings.EncodingAesKey, delivery.CorpId);
            var encrypted = crypto.Encrypt(delivery.Plaintext);
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
            var signature = crypto.Sign(timestamp, nonce, encrypted);
            body = WeComCallbackCrypto.CreateXmlCallbackBody(delivery.CorpId, delivery.AgentId.ToString(CultureInfo.InvariantCulture), encrypted);
            url = WithQuery(settings.Url, $"msg_signature={signature}&timestamp={timestamp}&nonce={nonce}");
        }
        catch (WeComCryptoException exception)
        {
            delivery.AddAttempt(new CallbackAttempt(1, null, exception.Message, TimeSpan.Zero));
            SimulatorLog.CallbackFailed(_logger, delivery.Sequence, delivery.ChangeType, delivery.AgentId, 1);
            delivery.Settle(CallbackDeliveryStatus.Failed);
            return;
        }

        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var result = await PostAsync(url, body, attempt).ConfigureAwait(false);
            delivery.AddAttempt(result);
            if (result.Succeeded)
            {
                SimulatorLog.CallbackDelivered(_logger, delivery.Sequence, delivery.ChangeType, delivery.AgentId, attempt);
                delivery.Settle(CallbackDeliveryStatus.Delivered);
                return;
            }

            SimulatorLog.CallbackAttemptFailed(_logger, delivery.Sequence, attempt, result.HttpStatus, result.Error);
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            if (attempt < _options.MaxAttempts && _options.RetryDelay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(_options.RetryDelay, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        SimulatorLog.CallbackFailed(_logger, delivery.Sequence, delivery.ChangeType, delivery.AgentId, _options.MaxAttempts);
        delivery.Settle(CallbackDeliveryStatus.Failed);
    }

    private async Task<CallbackAttempt> PostAsync(Uri url, string body, int attempt)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "text/xml");
            using var response = await _http.PostAsync(url, content, timeout.Token).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return new CallbackAttempt(attempt, status, status == (int)HttpStatusCode.OK ? null : $"HTTP {status}", Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            return new CallbackAttempt(attempt, null, $"no response within {_options.Timeout.TotalSeconds:0.###} s", Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException)
        {
            return new CallbackAttempt(attempt, null, "simulator stopped", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException exception)
        {
            return new CallbackAttempt(attempt, null, exception.Message, Stopwatch.GetElapsedTime(started));
        }
    }

    private static Uri WithQuery(Uri url, string query)
    {
        var builder = new UriBuilder(url);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? query : builder.Query.TrimStart('?') + "&" + query;
        return builder.Uri;
    }

    private sealed record CompanyQueue(Channel<CallbackDelivery> Channel, Task Consumer);
}
