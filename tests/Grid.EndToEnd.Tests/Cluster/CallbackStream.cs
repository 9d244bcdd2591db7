using System.Collections.Concurrent;
using System.Net;
using Grid.EndToEnd.Tests.Infrastructure;
using Grid.Testing;
using Grid.WeCom.Simulator.Model;

namespace Grid.EndToEnd.Tests.Cluster;

/// <summary>
/// A steady stream of WeCom contact-change callbacks, as WeCom sends them to a cluster behind a load balancer: each
/// event is a real change of the simulated company (a new member, or a new name of one created earlier) posted
/// encrypted and signed to one running silo after the other; an answer other than 200, or no answer, is tried again
/// with the next silo until one answers 200 (the event is then acknowledged), as WeCom retries. The same plaintext is
/// posted on every try, so the journal's dedupe sees a retry as the same event.
/// </summary>
public sealed class CallbackStream(ProcessCluster cluster, SimulatedCompany company, string tenantId, string connectorId) : IDisposable
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Uri, CallbackPoster> _posters = new();
    private readonly ConcurrentQueue<StreamedEvent> _acknowledged = new();
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _refusals = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>The events answered 200, in the order they were.</summary>
    public IReadOnlyCollection<StreamedEvent> Acknowledged => _acknowledged;

    /// <summary>The created members' userids with the name each has in WeCom now.</summary>
    public IReadOnlyDictionary<string, string> Names => _names;

    /// <summary>Tries that got another answer than 200 or none (each followed by a try at the next silo), by answer.</summary>
    public IReadOnlyDictionary<string, int> Refusals => _refusals;

    /// <summary>Posts events until <paramref name="stop"/> is cancelled; the event in flight then is not acknowledged.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var pace = new PeriodicTimer(Pace);
        try
        {
            for (var i = 0; ; i++)
            {
                var change = NextChange(i);
                await PostUntilAcknowledgedAsync(change.Plain, stop);
                _acknowledged.Enqueue(change.Event);
                await pace.WaitForNextTickAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by the test.
        }
    }

    public void Dispose()
    {
        foreach (var poster in _posters.Values)
        {
            poster.Dispose();
        }
    }

    // Every fourth event renames the member created three events before: its create and its update land in one lane.
    private (StreamedEvent Event, string Plain) NextChange(int i)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (i % 4 == 3)
        {
            var userId = UserId(i - 3);
            var name = $"改名 {i}";
            company.UpdateMember(userId, member => member with { Name = name });
            _names[userId] = name;
            return (new StreamedEvent("update_user", userId), CallbackPoster.UpdateUser(company.CorpId, now, userId));
        }

        var created = UserId(i);
        var departments = company.Departments;
        company.AddMember(new SimulatedMember { UserId = created, Name = $"滚动 {i}", Departments = [departments[i % departments.Count].Id] });
        _names[created] = $"滚动 {i}";
        return (new StreamedEvent("create_user", created), CallbackPoster.CreateUser(company.CorpId, now, created));
    }

    private static string UserId(int i) => $"rolling-{i:D5}";

    private async Task PostUntilAcknowledgedAsync(string plain, CancellationToken stop)
    {
        while (true)
        {
            var silos = cluster.Running;
            var silo = silos[Interlocked.Increment(ref _next) % silos.Length];
            var poster = _posters.GetOrAdd(silo.HttpAddress, address => new CallbackPoster(address, tenantId, connectorId, company.CorpId));
            string refusal;
            try
            {
                using var response = await poster.PostEventAsync(plain).WaitAsync(TryTimeout, stop);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                refusal = "HTTP " + (int)response.StatusCode;
            }
            catch (Exception error) when (error is HttpRequestException or TimeoutException)
            {
                // The silo is gone, going or not up yet (connection refused or reset, no answer): WeCom tries again, so do we.
                refusal = error is HttpRequestException { HttpRequestError: var reason } ? reason.ToString() : "no answer";
            }

            _refusals.AddOrUpdate(refusal, 1, (_, count) => count + 1);
            await Task.Delay(RetryPause, stop);
        }
    }
}

/// <summary>One streamed event: its ChangeType and the member's userid (at most one of each kind per member).</summary>
public sealed record StreamedEvent(string ChangeType, string UserId);
