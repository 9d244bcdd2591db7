using Microsoft.Extensions.Options;

namespace Grid.Grains.Secrets;

/// <summary>Checks at start-up that the master key (and any retired key) is 32 bytes of base64.</summary>
public sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.MasterKey))
        {
            failures.Add($"{SecretsOptions.SectionName}:MasterKey is required: 32 random bytes in base64 (e.g. `openssl rand -base64 32`).");
        }
        else if (!IsKey(options.MasterKey))
        {
            failures.Add($"{SecretsOptions.SectionName}:MasterKey must be base64 of exactly 32 bytes.");
        }

        for (var i = 0; i < options.RetiredKeys.Count; i++)
        {
            if (!IsKey(options.RetiredKeys[i]))
            {
                failures.Add($"{SecretsOptions.SectionName}:RetiredKeys:{i} must be base64 of exactly 32 bytes.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsKey(string value)
    {
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == 32;
    }
}
