using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

internal sealed class SignInOptionsValidator : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        var failures = new List<string>();
        if (options.RevocationResyncInterval < TimeSpan.FromSeconds(5) || options.RevocationResyncInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{SignInOptions.SectionName}:{nameof(SignInOptions.RevocationResyncInterval)} must be between 5 seconds and 5 minutes; it is {options.RevocationResyncInterval}.");
        }

        if (options.RevocationMaxStaleness < options.RevocationResyncInterval * 2 || options.RevocationMaxStaleness > TimeSpan.FromHours(1))
        {
            failures.Add($"{SignInOptions.SectionName}:{nameof(SignInOptions.RevocationMaxStaleness)} must be at least twice {nameof(SignInOptions.RevocationResyncInterval)} and at most 1 hour; it is {options.RevocationMaxStaleness}.");
        }

        Webhook(failures, "Sms", options.Sms.WebhookUrl);
        Webhook(failures, "Email", options.Email.WebhookUrl);

        if (!options.Sms.Template.Contains("{code}", StringComparison.Ordinal))
        {
            failures.Add($"{SignInOptions.SectionName}:Sms:{nameof(SmsOptions.Template)} must contain {{code}}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Webhook(List<string> failures, string section, string? webhook)
    {
        if (!string.IsNullOrEmpty(webhook)
            && (!Uri.TryCreate(webhook, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{SignInOptions.SectionName}:{section}:WebhookUrl must be an absolute http or https address.");
        }
    }
}
