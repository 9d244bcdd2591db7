using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Grid.Host.Grpc;

/// <summary>GET /.well-known/jwks.json: the public keys that validate Grid's access tokens (RFC 7517).</summary>
internal static class JwksEndpoint
{
    public static async Task<IResult> GetAsync(
        SigningKeyConfigurationManager keys, IOptions<GridAuthOptions> options, HttpContext context)
    {
        var jwks = await keys.GetPublicKeysAsync(context.RequestAborted);
        var document = new JwksDocument([.. jwks.Select(key => new JwksKey(key.Kty, key.Crv, key.X, key.Y, key.Kid, key.Alg, key.Use))]);

        // As long as silos cache the set: a key published ahead of its use reaches every cache before it signs.
        var maxAge = (int)options.Value.KeyCacheDuration.TotalSeconds;
        context.Response.Headers.CacheControl = "public, max-age=" + maxAge.ToString(CultureInfo.InvariantCulture);
        return Results.Json(document);
    }

    internal sealed record JwksDocument([property: JsonPropertyName("keys")] IReadOnlyList<JwksKey> Keys);

    internal sealed record JwksKey(
        [property: JsonPropertyName("kty")] string Kty,
        [property: JsonPropertyName("crv")] string Crv,
        [property: JsonPropertyName("x")] string X,
        [property: JsonPropertyName("y")] string Y,
        [property: JsonPropertyName("kid")] string Kid,
        [property: JsonPropertyName("alg")] string Alg,
        [property: JsonPropertyName("use")] string Use);
}
