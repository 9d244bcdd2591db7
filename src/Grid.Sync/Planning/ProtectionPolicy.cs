namespace Grid.Sync.Planning;

/// <summary>Thresholds above which a plan is not applied until an administrator approves it.</summary>
/// <param name="MaxAccountDeletes">Most accounts one run may delete.</param>
/// <param name="MaxOrganizationDeletes">Most organizations one run may delete.</param>
/// <param name="MaxDeletePercent">
/// Most accounts, and most organizations, one run may delete as a percentage of those mapped; null for no limit.
/// </param>
public sealed record ProtectionPolicy(int MaxAccountDeletes = 30, int MaxOrganizationDeletes = 10, double? MaxDeletePercent = null)
{
    /// <summary>30 accounts, 10 organizations, no percentage limit.</summary>
    public static ProtectionPolicy Default { get; } = new();

    /// <summary>Every problem, naming the setting to fix; empty when the policy is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxAccountDeletes < 0)
        {
            errors.Add($"max_account_deletes: must be 0 or more, got {MaxAccountDeletes}");
        }

        if (MaxOrganizationDeletes < 0)
        {
            errors.Add($"max_organization_deletes: must be 0 or more, got {MaxOrganizationDeletes}");
        }

        if (MaxDeletePercent is { } percent && (double.IsNaN(percent) || percent < 0 || percent > 100))
        {
            errors.Add($"max_delete_percent: must be between 0 and 100, got {percent}");
        }

        return errors;
    }
}
