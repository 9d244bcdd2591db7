namespace Grid.Grains.Auth;

/// <summary>One EC P-256 key of the set: the private key sealed (PKCS#8), the public point in clear.</summary>
[GenerateSerializer, Alias("grid.signing-key-record")]
public sealed class SigningKeyRecord
{
    [Id(0)]
    public string KeyId { get; set; } = "";

    [Id(1)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the key starts signing; until then it is only published.</summary>
    [Id(2)]
    public DateTimeOffset ActivatesAt { get; set; }

    [Id(3)]
    public string SealedPrivateKey { get; set; } = "";

    [Id(4)]
    public string X { get; set; } = "";

    [Id(5)]
    public string Y { get; set; } = "";
}
