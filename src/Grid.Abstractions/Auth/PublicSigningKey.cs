namespace Grid.Abstractions.Auth;

/// <summary>A public EC P-256 key of the signing key set, as a JWK's parts (base64url coordinates).</summary>
[GenerateSerializer, Immutable, Alias("grid.public-signing-key")]
public sealed record PublicSigningKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Algorithm,
    [property: Id(2)] string Curve,
    [property: Id(3)] string X,
    [property: Id(4)] string Y);
