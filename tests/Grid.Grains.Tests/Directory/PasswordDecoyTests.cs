using Grid.Grains.Directory;
using Microsoft.AspNetCore.Identity;

namespace Grid.Grains.Tests.Directory;

public sealed class PasswordDecoyTests
{
    [Fact]
    public void Verify_RunsTheHashersCheckOfThePassword_AgainstAHashMadeOnce()
    {
        var hasher = new RecordingHasher();
        var decoy = new PasswordDecoy(hasher);

        decoy.Verify("guess one");
        decoy.Verify("guess two");

        Assert.Equal(1, hasher.Hashed);
        Assert.Equal(["guess one", "guess two"], hasher.Verified);
        Assert.All(hasher.Results, result => Assert.Equal(PasswordVerificationResult.Failed, result));
    }

    private sealed class RecordingHasher : IPasswordHasher<PasswordSubject>
    {
        private readonly PasswordHasher<PasswordSubject> _inner = new();

        public int Hashed { get; private set; }

        public List<string> Verified { get; } = [];

        public List<PasswordVerificationResult> Results { get; } = [];

        public string HashPassword(PasswordSubject user, string password)
        {
            Hashed++;
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(PasswordSubject user, string hashedPassword, string providedPassword)
        {
            Verified.Add(providedPassword);
            var result = _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            Results.Add(result);
            return result;
        }
    }
}
