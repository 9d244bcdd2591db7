using System.Collections.Immutable;
using System.Globalization;

namespace Grid.Sync.Planning;

/// <summary>Decides whether a plan deletes too much to be applied without approval.</summary>
public static class Protection
{
    /// <summary>
    /// Checks <paramref name="summary"/> against <paramref name="policy"/>. A count exactly at a limit is allowed;
    /// one over is blocked. Recreated accounts and members who left (when left members are deleted) count as deletes.
    /// </summary>
    /// <param name="summary">The plan's counts.</param>
    /// <param name="mappedAccounts">Accounts mapped before the run (the base of the percentage).</param>
    /// <param name="mappedOrganizations">Organizations mapped before the run (the base of the percentage).</param>
    /// <param name="policy">The thresholds.</param>
    /// <exception cref="ArgumentException">The policy is invalid, or a count is negative.</exception>
    public static ProtectionVerdict Evaluate(PlanSummary summary, int mappedAccounts, int mappedOrganizations, ProtectionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(mappedAccounts);
        ArgumentOutOfRangeException.ThrowIfNegative(mappedOrganizations);
        var errors = policy.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid protection policy: " + string.Join("; ", errors), nameof(policy));
        }

        var reasons = ImmutableArray.CreateBuilder<string>();
        Check(summary.AccountDeletes, policy.MaxAccountDeletes, mappedAccounts, policy.MaxDeletePercent, "account", reasons);
        Check(summary.OrganizationDeletes, policy.MaxOrganizationDeletes, mappedOrganizations, policy.MaxDeletePercent, "organization", reasons);
        return reasons.Count == 0 ? ProtectionVerdict.Allowed : new ProtectionVerdict(true, reasons.ToImmutable());
    }

    private static void Check(int deletes, int limit, int mapped, double? maxPercent, string noun, ImmutableArray<string>.Builder reasons)
    {
        if (deletes > limit)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"the plan deletes {Count(deletes, noun)}; the limit is {limit}"));
        }

        // Compared in decimals (deletes * 100 against percent * mapped) so that exactly-at-limit is never lost to rounding.
        if (maxPercent is { } percent && mapped > 0 && deletes * 100m > (decimal)percent * mapped)
        {
            var share = deletes * 100m / mapped;
            reasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"the plan deletes {share:0.##}% of {noun}s ({deletes} of {mapped}); the limit is {percent:0.##}%"));
        }
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
