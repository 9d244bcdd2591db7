using System.Security.Cryptography;
using System.Text;
using Grid.Grains.Secrets;
using Microsoft.IdentityModel.Tokens;

namespace Grid.Host.Oidc;

/// <summary>
/// The provider's keys, derived from <c>Grid:Secrets:MasterKey</c> with HKDF, so that every silo of a cluster holds
/// the same ones without another secret to distribute: an ES256 key that signs ID and access tokens (published at
/// each tenant's <c>/.well-known/jwks</c>), and an AES key that encrypts authorization codes and refresh tokens.
/// Not the cluster's rotating <c>SigningKeyGrain</c> keys: their private parts never leave that grain (it signs
/// inside), while OpenIddict signs in-process with a key it holds; rotating the master key rotates these.
/// </summary>
internal static class OidcKeys
{
    public static (ECDsaSecurityKey Signing, SymmetricSecurityKey Encryption) Derive(SecretsOptions secrets)
    {
        var master = Convert.FromBase64String(secrets.MasterKey ?? throw new InvalidOperationException("Grid:Secrets:MasterKey is not set."));
        var order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
        byte[] scalar;
        var counter = 0;
        do
        {
            // A P-256 private key is a scalar below the curve's order; a derivation above it (p < 2^-32) is retried.
            scalar = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.ASCII.GetBytes($"grid-oidc-signing-{counter++}"));
        }
        while (scalar.AsSpan().SequenceCompareTo(order) >= 0 || scalar.All(b => b == 0));

        var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
        var publicPart = ec.ExportParameters(includePrivateParameters: false);
        var signing = new ECDsaSecurityKey(ec)
        {
            KeyId = "oidc-" + Convert.ToHexStringLower(SHA256.HashData([.. publicPart.Q.X!, .. publicPart.Q.Y!]))[..16],
        };
        var encryption = new SymmetricSecurityKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.ASCII.GetBytes("grid-oidc-encryption")));
        return (signing, encryption);
    }
}
