using Microsoft.Extensions.Options;

namespace Grid.Host.Oidc;

/// <summary>The OpenID Connect provider's lifetimes (section <c>Grid:Oidc</c>).</summary>
public sealed class OidcOptions
{
    public const string SectionName = "Grid:Oidc";

    /// <summary>How long an authorization code may wait for its exchange (10 s to 10 min; default 1 min).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Lifetime of access and ID tokens (1 min to 1 h; default 10 min).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of a refresh token, renewed by each rotation (1 h to 90 days; default 14 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a user's consent to an application is remembered (1 day to 1 year; default 180 days).</summary>
    public TimeSpan ConsentLifetime { get; set; } = TimeSpan.FromDays(180);
}

internal sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var failures = new List<string>();
        Check(options.AuthorizationCodeLifetime, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), "AuthorizationCodeLifetime", "00:00:10 and 00:10:00", failures);
        Check(options.AccessTokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), "AccessTokenLifetime", "00:01:00 and 01:00:00", failures);
        Check(options.RefreshTokenLifetime, TimeSpan.FromHours(1), TimeSpan.FromDays(90), "RefreshTokenLifetime", "01:00:00 and 90.00:00:00", failures);
        Check(options.ConsentLifetime, TimeSpan.FromDays(1), TimeSpan.FromDays(365), "ConsentLifetime", "1.00:00:00 and 365.00:00:00", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(TimeSpan value, TimeSpan min, TimeSpan max, string setting, string range, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{OidcOptions.SectionName}:{setting} must be between {range}.");
        }
    }
}
