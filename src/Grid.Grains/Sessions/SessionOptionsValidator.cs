using Microsoft.Extensions.Options;

namespace Grid.Grains.Sessions;

internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        var failures = new List<string>();
        Between(failures, nameof(SessionOptions.Lifetime), options.Lifetime, TimeSpan.FromHours(1), TimeSpan.FromDays(365));
        Between(failures, nameof(SessionOptions.IdleTimeout), options.IdleTimeout, TimeSpan.FromMinutes(5), options.Lifetime);
        Between(failures, nameof(SessionOptions.RevocationRetention), options.RevocationRetention, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        Between(failures, nameof(SessionOptions.AnnounceTimeout), options.AnnounceTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));
        Between(failures, nameof(SessionOptions.SubscriptionLease), options.SubscriptionLease, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));
        AtMost(failures, nameof(SessionOptions.MaxSessionsPerAccount), options.MaxSessionsPerAccount, 1000);
        var lockout = options.Lockout;
        Between(failures, "Lockout:" + nameof(LockoutOptions.Window), lockout.Window, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        Between(failures, "Lockout:" + nameof(LockoutOptions.Duration), lockout.Duration, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        Count(failures, "Lockout:" + nameof(LockoutOptions.MaxFailures), lockout.MaxFailures);
        Count(failures, nameof(SessionOptions.RotatedTokensKept), options.RotatedTokensKept);
        Between(failures, nameof(SessionOptions.PersonalEmailTokenLifetime), options.PersonalEmailTokenLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        var sms = options.SmsCodes;
        Between(failures, "SmsCodes:" + nameof(SmsCodeOptions.Lifetime), sms.Lifetime, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
        Between(failures, "SmsCodes:" + nameof(SmsCodeOptions.ResendInterval), sms.ResendInterval, TimeSpan.FromSeconds(10), sms.Lifetime);
        Count(failures, "SmsCodes:" + nameof(SmsCodeOptions.MaxAttempts), sms.MaxAttempts);
        Between(failures, "SmsCodes:" + nameof(SmsCodeOptions.QuotaWindow), sms.QuotaWindow, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        AtMost(failures, "SmsCodes:" + nameof(SmsCodeOptions.MaxPerClientAddress), sms.MaxPerClientAddress, 100_000);
        AtMost(failures, "SmsCodes:" + nameof(SmsCodeOptions.MaxPerTenant), sms.MaxPerTenant, 100_000);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Count(List<string> failures, string setting, int value) => AtMost(failures, setting, value, 100);

    private static void AtMost(List<string> failures, string setting, int value, int max)
    {
        if (value < 1 || value > max)
        {
            failures.Add($"{SessionOptions.SectionName}:{setting} must be between 1 and {max}; it is {value}.");
        }
    }

    private static void Between(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{SessionOptions.SectionName}:{setting} must be between {min} and {max}; it is {value}.");
        }
    }
}
