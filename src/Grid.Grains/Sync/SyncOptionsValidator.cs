using Microsoft.Extensions.Options;

namespace Grid.Grains.Sync;

internal sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var failures = new List<string>();
        Range(failures, nameof(SyncOptions.FetchParallelism), options.FetchParallelism, 1, 64);
        Range(failures, nameof(SyncOptions.ApplyParallelism), options.ApplyParallelism, 1, 1024);
        Range(failures, nameof(SyncOptions.LookupParallelism), options.LookupParallelism, 1, 1024);
        Range(failures, nameof(SyncOptions.ChunkSize), options.ChunkSize, 10, 1000);
        Range(failures, nameof(SyncOptions.RunHistory), options.RunHistory, 1, 1000);
        if (options.ProgressInterval < TimeSpan.Zero || options.ProgressInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{SyncOptions.SectionName}:{nameof(SyncOptions.ProgressInterval)} must be between 0 and 1 minute.");
        }

        if (options.ResumeReminderPeriod <= TimeSpan.Zero)
        {
            failures.Add($"{SyncOptions.SectionName}:{nameof(SyncOptions.ResumeReminderPeriod)} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{SyncOptions.SectionName}:{setting} must be between {min} and {max}; it is {value}.");
        }
    }
}
