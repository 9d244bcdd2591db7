using Microsoft.Extensions.Options;

namespace Grid.Grains.Login;

internal sealed class LoginOptionsValidator : IValidateOptions<LoginOptions>
{
    public ValidateOptionsResult Validate(string? name, LoginOptions options)
    {
        var failures = new List<string>();
        if (options.StateLifetime < TimeSpan.FromSeconds(30) || options.StateLifetime > LoginOptions.MaxStateLifetime)
        {
            failures.Add($"{LoginOptions.SectionName}:{nameof(LoginOptions.StateLifetime)} must be between 00:00:30 and 00:30:00 (got {options.StateLifetime}).");
        }

        if (options.ConsentLifetime < TimeSpan.FromDays(1) || options.ConsentLifetime > TimeSpan.FromDays(30))
        {
            failures.Add($"{LoginOptions.SectionName}:{nameof(LoginOptions.ConsentLifetime)} must be between 1.00:00:00 and 30.00:00:00 (got {options.ConsentLifetime}); WeCom's consent lasts 30 days.");
        }

        if (!Grid.Abstractions.GridKeys.IsValidConnectorId(options.DefaultConnector))
        {
            failures.Add($"{LoginOptions.SectionName}:{nameof(LoginOptions.DefaultConnector)} must be a connector id (1..40 characters of a-z, 0-9 and '-'; got '{options.DefaultConnector}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
