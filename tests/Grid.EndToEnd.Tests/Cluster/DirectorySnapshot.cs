using System.Collections.Immutable;
using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Directory;

namespace Grid.EndToEnd.Tests.Cluster;

/// <summary>
/// A tenant's accounts and organizations read through <see cref="IDirectoryQueryGrain"/> (every page), in a form that
/// two syncs of one WeCom company can be compared in object by object. Account and organization ids are generated per
/// tenant, so an id is compared by what it stands for: an organization by its WeCom department (its external id, the
/// root as "root"), an account by its WeCom external id. Every id an object names must resolve to a listed object, and
/// no two objects may share an id or an external id: a dangling or doubled id is a difference too.
/// </summary>
public sealed class DirectorySnapshot
{
    private const int PageSize = 1000;

    private DirectorySnapshot(ImmutableSortedDictionary<string, string> accounts, ImmutableSortedDictionary<string, string> organizations, ImmutableArray<string> defects)
    {
        Accounts = accounts;
        Organizations = organizations;
        Defects = defects;
    }

    /// <summary>Each account's canonical text by its WeCom external id.</summary>
    public ImmutableSortedDictionary<string, string> Accounts { get; }

    /// <summary>Each organization's canonical text by its department key.</summary>
    public ImmutableSortedDictionary<string, string> Organizations { get; }

    /// <summary>Ids that resolve to nothing, ids or keys held twice.</summary>
    public ImmutableArray<string> Defects { get; }

    public static async Task<DirectorySnapshot> ReadAsync(IGrainFactory grains, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var query = grains.GetGrain<IDirectoryQueryGrain>(GridKeys.Tenant(tenantId));
        var organizations = new List<OrganizationView>();
        string? token = null;
        do
        {
            var page = await query.ListOrganizations(token, PageSize);
            organizations.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));

        var accounts = new List<AccountView>();
        token = null;
        do
        {
            var page = await query.ListAccounts(token, PageSize);
            accounts.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));

        return From(organizations, accounts);
    }

    /// <summary>
    /// Fails with the first differences (at most 10 of each kind) unless <paramref name="actual"/> holds exactly the
    /// objects of this snapshot.
    /// </summary>
    public void AssertSameAs(DirectorySnapshot actual, string what)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        differences.AddRange(actual.Defects.Take(10).Select(defect => "defect: " + defect));
        differences.AddRange(Differences("organization", Organizations, actual.Organizations));
        differences.AddRange(Differences("account", Accounts, actual.Accounts));
        Assert.True(
            differences.Count == 0 && Defects.IsEmpty,
            $"{what}: {Organizations.Count} organizations and {Accounts.Count} accounts expected, {actual.Organizations.Count} and "
            + $"{actual.Accounts.Count} found; reference defects {Defects.Length}; differences:{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");
    }

    private static DirectorySnapshot From(List<OrganizationView> organizations, List<AccountView> accounts)
    {
        var defects = new List<string>();
        var departmentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var organization in organizations)
        {
            var key = organization.ExternalId?.ToString() ?? (organization.OrganizationId == GridKeys.RootOrganizationId ? "root" : "unsynced:" + organization.Name);
            if (!departmentOf.TryAdd(organization.OrganizationId, key))
            {
                defects.Add($"organization id {organization.OrganizationId} listed twice");
            }
        }

        string Resolve(string? organizationId)
        {
            if (organizationId is null)
            {
                return "-";
            }

            if (departmentOf.TryGetValue(organizationId, out var key))
            {
                return key;
            }

            defects.Add($"organization id {organizationId} is named but not listed");
            return "missing:" + organizationId;
        }

        var organizationTexts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var organization in organizations)
        {
            var key = departmentOf[organization.OrganizationId];
            var text = string.Create(CultureInfo.InvariantCulture,
                $"name={organization.Name} parent={Resolve(organization.ParentId)} code={organization.Code} order={organization.Order} depth={organization.Depth} deleted={organization.IsDeleted}");
            if (!organizationTexts.TryAdd(key, text))
            {
                defects.Add($"department {key} has two organizations");
            }
        }

        var accountTexts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            if (!accountIds.Add(account.AccountId))
            {
                defects.Add($"account id {account.AccountId} listed twice");
            }

            var profile = account.Profile;
            var key = account.ExternalIds.FirstOrDefault(id => id.Source.StartsWith("wecom:", StringComparison.Ordinal))?.ToString() ?? "unlinked:" + profile.Username;
            var text = string.Join(
                " | ",
                $"username={profile.Username}",
                $"name={profile.DisplayName}",
                $"email={profile.Email}",
                $"mobile={profile.Mobile}",
                "attributes=" + string.Join(",", profile.AttributesOrEmpty.Select(pair => $"{pair.Key}={pair.Value}")),
                $"status={account.Status}",
                "organizations=" + string.Join(",", account.OrganizationIds.Select(Resolve).Order(StringComparer.Ordinal)),
                "external=" + string.Join(",", account.ExternalIds.Select(id => id.ToString()).Order(StringComparer.Ordinal)),
                $"password={account.HasPassword}");
            if (!accountTexts.TryAdd(key, text))
            {
                defects.Add($"{key} has two accounts");
            }
        }

        return new DirectorySnapshot(accountTexts.ToImmutableSortedDictionary(StringComparer.Ordinal), organizationTexts.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. defects]);
    }

    private static IEnumerable<string> Differences(string kind, ImmutableSortedDictionary<string, string> expected, ImmutableSortedDictionary<string, string> actual)
    {
        var missing = expected.Keys.Where(key => !actual.ContainsKey(key)).Take(10).Select(key => $"{kind} {key} missing: {expected[key]}");
        var extra = actual.Keys.Where(key => !expected.ContainsKey(key)).Take(10).Select(key => $"{kind} {key} unexpected: {actual[key]}");
        var changed = expected.Where(pair => actual.TryGetValue(pair.Key, out var other) && other != pair.Value)
            .Take(10).Select(pair => $"{kind} {pair.Key}:{Environment.NewLine}  expected {pair.Value}{Environment.NewLine}  actual   {actual[pair.Key]}");
        return missing.Concat(extra).Concat(changed);
    }
}
