namespace Grid.Grains.Secrets;

/// <summary>
/// Seals secrets for storage at rest (connector secrets, password hashes, signing keys). A sealed value is an opaque
/// string that names the key it was sealed with, so master keys can rotate: new values use the current key, old
/// values still open with a retired key until they are re-sealed. The <c>context</c> is bound into the seal (AEAD
/// associated data): a sealed value only opens in the context it was sealed for (e.g. <c>account-password:{key}</c>),
/// so it cannot be copied to another record.
/// </summary>
public interface ISecretSealer
{
    /// <summary>Seals <paramref name="plaintext"/> for <paramref name="context"/>.</summary>
    string Seal(string plaintext, string context);

    /// <summary>Opens a sealed value; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it
    /// was tampered with or sealed for another context, and a <see cref="Abstractions.GridException"/> of kind
    /// FailedPrecondition, naming the key, when it was sealed with a master key this silo does not have.</summary>
    string Unseal(string sealedValue, string context);

    /// <summary>Whether the value was sealed with the current key (false means: re-seal it when convenient).</summary>
    bool IsSealedWithCurrentKey(string sealedValue);
}
