using System.Security.Cryptography;
using Grid.Abstractions;
using Grid.Grains.Secrets;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Tests.Secrets;

public sealed class AesGcmSecretSealerTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Seal_ThenUnseal_RoundTrips_AndEverySealDiffers()
    {
        var sealer = Sealer(KeyA);

        var first = sealer.Seal("corp secret ✓", "ctx");
        var second = sealer.Seal("corp secret ✓", "ctx");

        Assert.NotEqual(first, second);
        Assert.Equal("corp secret ✓", sealer.Unseal(first, "ctx"));
        Assert.DoesNotContain("corp secret", first, StringComparison.Ordinal);
        Assert.True(sealer.IsSealedWithCurrentKey(first));
    }

    [Fact]
    public void Unseal_InAnotherContext_Fails()
    {
        var sealer = Sealer(KeyA);
        var sealedValue = sealer.Seal("secret", "account-password:t/acc_1");

        Assert.ThrowsAny<CryptographicException>(() => sealer.Unseal(sealedValue, "account-password:t/acc_2"));
    }

    [Fact]
    public void Unseal_WhenTamperedWith_Fails()
    {
        var sealer = Sealer(KeyA);
        var sealedValue = sealer.Seal("secret", "ctx");
        var tampered = sealedValue[..^2] + (sealedValue[^2] == 'A' ? "B" : "A") + sealedValue[^1];

        Assert.ThrowsAny<CryptographicException>(() => sealer.Unseal(tampered, "ctx"));
    }

    [Fact]
    public void Unseal_AfterKeyRotation_OpensValuesOfTheRetiredKey()
    {
        var old = Sealer(KeyA).Seal("secret", "ctx");
        var rotated = Sealer(KeyB, KeyA);

        Assert.Equal("secret", rotated.Unseal(old, "ctx"));
        Assert.False(rotated.IsSealedWithCurrentKey(old));
        var error = Assert.Throws<GridException>(() => Sealer(KeyB).Unseal(old, "ctx"));
        Assert.Equal(GridErrorKind.FailedPrecondition, error.Kind);
        Assert.Contains($"master key {old.Split('.')[1]}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Grid:Secrets:MasterKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Grid:Secrets:RetiredKeys", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Grid:Secrets:MasterKey is required")]
    [InlineData("not base64!", "Grid:Secrets:MasterKey must be base64 of exactly 32 bytes")]
    [InlineData("AAAA", "Grid:Secrets:MasterKey must be base64 of exactly 32 bytes")]
    public void Validator_NamesTheSetting(string? key, string expected)
    {
        var result = new SecretsOptionsValidator().Validate(null, new SecretsOptions { MasterKey = key });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_NeverShowsTheKey()
    {
        var options = new SecretsOptions { MasterKey = KeyA };

        Assert.DoesNotContain(KeyA, options.ToString(), StringComparison.Ordinal);
        Assert.True(new SecretsOptionsValidator().Validate(null, options).Succeeded);
    }

    private static AesGcmSecretSealer Sealer(string key, params string[] retired)
    {
        var options = new SecretsOptions { MasterKey = key };
        foreach (var old in retired)
        {
            options.RetiredKeys.Add(old);
        }

        return new AesGcmSecretSealer(Options.Create(options));
    }
}
