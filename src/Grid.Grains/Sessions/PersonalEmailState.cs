namespace Grid.Grains.Sessions;

[GenerateSerializer, Alias("grid.personal-email-state")]
public sealed class PersonalEmailState
{
    /// <summary>The address given; null when none was.</summary>
    [Id(0)]
    public string? Address { get; set; }

    [Id(1)]
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>SHA-256 of the outstanding token (with the address); null when none is outstanding.</summary>
    [Id(2)]
    public byte[]? TokenHash { get; set; }

    [Id(3)]
    public DateTimeOffset TokenExpiresAt { get; set; }

    /// <summary>SHA-256 of the last token accepted, to tell a reused link from a forged one.</summary>
    [Id(4)]
    public byte[]? SpentTokenHash { get; set; }
}
