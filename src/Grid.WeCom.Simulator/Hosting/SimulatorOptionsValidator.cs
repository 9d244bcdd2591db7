using System.Net;
using Microsoft.Extensions.Options;

namespace Grid.WeCom.Simulator.Hosting;

/// <summary>Checks <see cref="SimulatorOptions"/>; every message names the setting to fix.</summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.Address, out var address) || !IPAddress.IsLoopback(address))
        {
            failures.Add($"{SimulatorOptions.SectionName}:Address must be a loopback IP address (got '{options.Address}').");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{SimulatorOptions.SectionName}:Port must be between 0 and 65535.");
        }

        if (options.Company is null)
        {
            if (options.Members < 0)
            {
                failures.Add($"{SimulatorOptions.SectionName}:Members must not be negative.");
            }

            if (string.IsNullOrWhiteSpace(options.TrustedDomain) || options.TrustedDomain.Contains('/', StringComparison.Ordinal)
                || Uri.CheckHostName(options.TrustedDomain.Split(':')[0]) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
            {
                failures.Add($"{SimulatorOptions.SectionName}:TrustedDomain must be host or host:port, no scheme or path (got '{options.TrustedDomain}').");
            }

            if (options.Departments < 1)
            {
                failures.Add($"{SimulatorOptions.SectionName}:Departments must be at least 1 (the root).");
            }
        }

        Positive(failures, options.TokenLifetime, "TokenLifetime");
        Positive(failures, options.CodeLifetime, "CodeLifetime");
        Positive(failures, options.UserTicketLifetime, "UserTicketLifetime");
        Positive(failures, options.Callbacks.Timeout, "Callbacks:Timeout");
        if (options.Callbacks.MaxAttempts < 1)
        {
            failures.Add($"{SimulatorOptions.SectionName}:Callbacks:MaxAttempts must be at least 1.");
        }

        if (options.Callbacks.RetryDelay < TimeSpan.Zero)
        {
            failures.Add($"{SimulatorOptions.SectionName}:Callbacks:RetryDelay must not be negative.");
        }

        if (options.Callbacks.LogCapacity < 1)
        {
            failures.Add($"{SimulatorOptions.SectionName}:Callbacks:LogCapacity must be at least 1.");
        }

        if (options.Quotas.CallsPerMinute < 1 || options.Quotas.CallsPerHour < 1)
        {
            failures.Add($"{SimulatorOptions.SectionName}:Quotas:CallsPerMinute and CallsPerHour must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{SimulatorOptions.SectionName}:{setting} must be positive.");
        }
    }
}
