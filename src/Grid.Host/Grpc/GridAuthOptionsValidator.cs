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

        var bootstrap = options.Bootstrap;
        if (bootstrap.Enabled)
        {
            // The secret's length only: the value never appears in a message or a log.
            if (bootstrap.ClientSecret!.Length is < 32 or > 256)
            {
                failures.Add($"Grid:Auth:Bootstrap:ClientSecret must be 32 to 256 characters (got {bootstrap.ClientSecret.Length}).");
            }

            if (!GridKeys.IsValidClientId(bootstrap.ClientId))
            {
                failures.Add("Grid:Auth:Bootstrap:ClientId must be 1..128 characters of letters, digits, '_', '-' and '.', not only dots.");
            }

            if (!GridKeys.IsValidTenantId(bootstrap.TenantId))
            {
                failures.Add($"Grid:Auth:Bootstrap:TenantId must be a tenant id (1..63 characters of a-z, 0-9 and '-'; got '{bootstrap.TenantId}').");
            }
        }

        var limits = options.FailedTokenRequests;
        if (limits.PerAddress is < 1 or > 10_000)
        {
            failures.Add($"Grid:Auth:FailedTokenRequests:PerAddress must be between 1 and 10000 (got {limits.PerAddress}).");
        }

        if (limits.Window < TimeSpan.FromSeconds(1) || limits.Window > TimeSpan.FromHours(1))
        {
            failures.Add($"Grid:Auth:FailedTokenRequests:Window must be between 00:00:01 and 01:00:00 (got {limits.Window}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
