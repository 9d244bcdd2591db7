namespace Grid.Grains.Sessions;

[GenerateSerializer, Alias("grid.sms-quota-state")]
public sealed class SmsQuotaState
{
    /// <summary>When the current window began.</summary>
    [Id(0)]
    public DateTimeOffset WindowStart { get; set; }

    /// <summary>The sends taken in the current window.</summary>
    [Id(1)]
    public int Taken { get; set; }
}
