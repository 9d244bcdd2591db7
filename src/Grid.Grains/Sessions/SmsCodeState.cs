namespace Grid.Grains.Sessions;

[GenerateSerializer, Alias("grid.sms-code-state")]
public sealed class SmsCodeState
{
    /// <summary>The current code, sealed; null when none is outstanding (never sent, accepted or spent).</summary>
    [Id(0)]
    public string? SealedCode { get; set; }

    [Id(1)]
    public DateTimeOffset IssuedAt { get; set; }

    [Id(2)]
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Wrong codes presented against the current code.</summary>
    [Id(3)]
    public int FailedAttempts { get; set; }
}
