using Microsoft.Extensions.Options;

namespace Grid.Grains.Events;

internal sealed class EventInboxOptionsValidator : IValidateOptions<EventInboxOptions>
{
    public ValidateOptionsResult Validate(string? name, EventInboxOptions options)
    {
        var failures = new List<string>();
        void Range(string setting, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                failures.Add($"{EventInboxOptions.SectionName}:{setting} must be between {min} and {max}; it is {value}.");
            }
        }

        void Positive(string setting, TimeSpan value)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{EventInboxOptions.SectionName}:{setting} must be positive; it is {value}.");
            }
        }

        Range(nameof(EventInboxOptions.ApplyParallelism), options.ApplyParallelism, 1, 1024);
        Range(nameof(EventInboxOptions.MaxInMemory), options.MaxInMemory, 100, 1_000_000);
        Range(nameof(EventInboxOptions.MaxAttempts), options.MaxAttempts, 1, 100);
        Positive(nameof(EventInboxOptions.RetryBaseDelay), options.RetryBaseDelay);
        Positive(nameof(EventInboxOptions.ApplyTimeout), options.ApplyTimeout);
        Positive(nameof(EventInboxOptions.SweepInterval), options.SweepInterval);
        Positive(nameof(EventInboxOptions.Retention), options.Retention);
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add($"{EventInboxOptions.SectionName}:{nameof(EventInboxOptions.RetryMaxDelay)} must be at least RetryBaseDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
