using Grid.Abstractions;
using Microsoft.Extensions.Options;

namespace Grid.Host.Grpc;

/// <summary>Validates <see cref="GridAuthOptions"/> with messages that name the setting to fix.</summary>
internal sealed class GridAuthOptionsValidator : IValidateOptions<GridAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, GridAuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Grid:Auth:Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Grid:Auth:Audience must not be empty.");
        }

        if (options.AccessTokenLifetime < TimeSpan.FromMinutes(1) || options.AccessTokenLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"Grid:Auth:AccessTokenLifetime must be between 00:01:00 and 01:00:00 (got {options.AccessTokenLifetime}).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Grid:Auth:ClockSkew must be between 00:00:00 and 00:05:00 (got {options.ClockSkew}).");
        }

        if (options.KeyCacheDuration < TimeSpan.FromSeconds(1) || options.KeyCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"Grid:Auth:KeyCacheDuration must be between 00:00:01 and 01:00:00 (got {options.KeyCacheDuration}).");
        }

        if (options.KeyRotationPeriod < TimeSpan.FromDays(1) || options.KeyRotationPeriod > TimeSpan.FromDays(365))
        {
            failures.Add($"Grid:Auth:KeyRotationPeriod must be between 1.00:00:00 and 365.00:00:00 (got {options.KeyRotationPeriod}).");
        }

        if (options.DevCredential.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.DevCredential.Path))
            {
                failures.Add("Grid:Auth:DevCredential:Path must name a file (or set Grid:Auth:DevCredential:Enabled=false).");
            }

            if (!GridKeys.IsValidTenantId(options.DevCredential.TenantId))
            {
                failures.Add($"Grid:Auth:DevCredential:TenantId must be a tenant id (1..63 characters of a-z, 0-9 and '-'; got '{options.DevCredential.TenantId}').");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
