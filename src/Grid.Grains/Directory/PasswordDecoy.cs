using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Grid.Grains.Directory;

/// <summary>
/// Spends the time of a real password check when there is no hash to check against (no such login, no password
/// set, a departed account): the hasher verifies against a hash of a random password made once per process, so
/// that how long a sign-in takes does not tell whether the login exists.
/// </summary>
public sealed class PasswordDecoy(IPasswordHasher<PasswordSubject> hasher)
{
    private readonly Lazy<string> _hash = new(
        () => hasher.HashPassword(PasswordSubject.Instance, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    /// <summary>Checks <paramref name="password"/> against the decoy hash; it never matches.</summary>
    public void Verify(string password) =>
        _ = hasher.VerifyHashedPassword(PasswordSubject.Instance, _hash.Value, password ?? "");
}
