using Microsoft.Extensions.Options;

namespace Grid.Grains.Tenants;

/// <summary>Checks the log shape at start-up.</summary>
public sealed class TenantLogOptionsValidator : IValidateOptions<TenantLogOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SegmentSize is < 8 or > 4096)
        {
            failures.Add($"{TenantLogOptions.SectionName}:SegmentSize must be between 8 and 4096 (is {options.SegmentSize}).");
        }

        if (options.RetainedSegments is < 2 or > 1_000_000)
        {
            failures.Add($"{TenantLogOptions.SectionName}:RetainedSegments must be between 2 and 1000000 (is {options.RetainedSegments}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
