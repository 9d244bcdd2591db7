namespace Grid.WeCom.Simulator.Callbacks;

/// <summary>Where a change_contact callback stands.</summary>
public enum CallbackDeliveryStatus
{
    /// <summary>Queued or being attempted.</summary>
    Pending,

    /// <summary>The receiver answered HTTP 200.</summary>
    Delivered,

    /// <summary>Every attempt failed (non-200, timeout or connection error).</summary>
    Failed,

    /// <summary>The simulator stopped before the callback was settled.</summary>
    Cancelled,
}
