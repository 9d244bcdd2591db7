using Microsoft.Extensions.Options;

namespace Grid.WeCom;

/// <summary>Start-up validation of <see cref="WeComOptions"/>; every message names the setting to fix.</summary>
internal sealed class WeComOptionsValidator : IValidateOptions<WeComOptions>
{
    private const string Prefix = WeComOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, WeComOptions options)
    {
        var failures = new List<string>();
        CheckUrl(failures, nameof(WeComOptions.ApiBaseUrl), options.ApiBaseUrl);
        CheckUrl(failures, nameof(WeComOptions.OAuthBaseUrl), options.OAuthBaseUrl);
        CheckUrl(failures, nameof(WeComOptions.LoginBaseUrl), options.LoginBaseUrl);

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Prefix}:RequestTimeout must be more than 0 and at most 00:10:00.");
        }

        if (options.AccessTokenRefreshMargin < TimeSpan.Zero || options.AccessTokenRefreshMargin > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}:AccessTokenRefreshMargin must be between 00:00:00 and 01:00:00.");
        }

        if (options.Quotas is null)
        {
            failures.Add($"{Prefix}:Quotas must be set.");
        }
        else if (options.Quotas.Enabled)
        {
            CheckPositive(failures, "Quotas:PerApiPerMinute", options.Quotas.PerApiPerMinute);
            CheckPositive(failures, "Quotas:PerApiPerHour", options.Quotas.PerApiPerHour);
            CheckPositive(failures, "Quotas:PerIpPerMinute", options.Quotas.PerIpPerMinute);
        }

        if (options.Retry is null)
        {
            failures.Add($"{Prefix}:Retry must be set.");
        }
        else
        {
            if (options.Retry.MaxRetryAttempts is < 0 or > 10)
            {
                failures.Add($"{Prefix}:Retry:MaxRetryAttempts must be between 0 and 10.");
            }

            if (options.Retry.BaseDelay <= TimeSpan.Zero)
            {
                failures.Add($"{Prefix}:Retry:BaseDelay must be more than 0.");
            }

            if (options.Retry.MaxDelay < options.Retry.BaseDelay)
            {
                failures.Add($"{Prefix}:Retry:MaxDelay must be at least Retry:BaseDelay.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(List<string> failures, string setting, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            failures.Add($"{Prefix}:{setting} must be an absolute http(s) URL without query or fragment.");
        }
    }

    private static void CheckPositive(List<string> failures, string setting, int value)
    {
        if (value <= 0)
        {
            failures.Add($"{Prefix}:{setting} must be positive when Quotas:Enabled is true.");
        }
    }
}
