using System.Text.Json.Serialization;

namespace Grid.Host.Grpc;

/// <summary>
/// The dev profile's admin credential, as written to <see cref="DevCredentialOptions.Path"/>. gridctl reads the same fields
/// (snake_case JSON), so keep the names stable.
/// </summary>
public sealed record DevCredential(
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes);
