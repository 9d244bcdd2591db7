using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Callbacks;

/// <summary>
/// One change_contact callback to one app: its decrypted XML, its attempts and its outcome. Tests await
/// <see cref="Completion"/>; it never faults, it completes with the delivery once settled.
/// </summary>
public sealed class CallbackDelivery
{
    private readonly Lock _gate = new();
    private readonly List<CallbackAttempt> _attempts = [];
    private readonly TaskCompletionSource<CallbackDelivery> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CallbackDeliveryStatus _status = CallbackDeliveryStatus.Pending;

    internal CallbackDelivery(long sequence, string corpId, SimulatedApp app, string changeType, string plaintext)
    {
        Sequence = sequence;
        CorpId = corpId;
        AgentId = app.AgentId;
        ChangeType = changeType;
        Settings = app.Callback ?? throw new ArgumentException("The app has no callback settings.", nameof(app));
        Plaintext = plaintext;
    }

    /// <summary>Order of queueing across the simulator; deliveries of one company are sent in this order.</summary>
    public long Sequence { get; }

    public string CorpId { get; }

    public int AgentId { get; }

    public string ChangeType { get; }

    /// <summary>The receiver URL (without the msg_signature, timestamp and nonce WeCom adds).</summary>
    public Uri Url => Settings.Url;

    /// <summary>The event XML before encryption, exactly as the receiver should find it after decrypting.</summary>
    public string Plaintext { get; }

    internal SimulatedCallbackSettings Settings { get; }

    public CallbackDeliveryStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    public IReadOnlyList<CallbackAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>Completes when the callback was acknowledged, finally failed, or the simulator stopped.</summary>
    public Task<CallbackDelivery> Completion => _completion.Task;

    internal void AddAttempt(CallbackAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Add(attempt);
        }
    }

    internal void Settle(CallbackDeliveryStatus status)
    {
        lock (_gate)
        {
            if (_status != CallbackDeliveryStatus.Pending)
            {
                return;
            }

            _status = status;
        }

        _completion.TrySetResult(this);
    }

    public override string ToString() => $"#{Sequence} {ChangeType} → agent {AgentId}: {Status} after {Attempts.Count} attempt(s)";
}
