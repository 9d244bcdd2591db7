using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Tenants;
using Orleans.Concurrency;

namespace Grid.Grains.Directory;

[StatelessWorker]
public sealed class DirectoryQueryGrain(IAccountFinder finder) : Grain, IDirectoryQueryGrain
{
    private const int DefaultPage = 100;
    private const int MaxPage = 1000;

    private bool _tenantExists;

    private string TenantId => this.GetPrimaryKeyString();

    public Task<AccountView?> FindAccount(UniqueField field, string value) => finder.FindAsync(TenantId, field, value);

    public async Task<AccountPage> ListAccounts(string? pageToken, int pageSize)
    {
        await EnsureTenantAsync();
        return await AccountPageAsync(Rosters.AccountCatalog, PageTokens.Accounts(TenantId), pageToken, pageSize, _ => true);
    }

    public async Task<AccountPage> ListMembers(string organizationId, string? pageToken, int pageSize)
    {
        await EnsureTenantAsync();
        GridKeys.ValidateId(organizationId, "organization_id");
        var organization = await Organization(organizationId).Get();
        if (organization is null || organization.IsDeleted)
        {
            throw new GridException(
                GridErrorKind.NotFound,
                $"organization '{organizationId}' does not exist in tenant '{TenantId}'",
                "organization_id");
        }

        return await AccountPageAsync(
            Rosters.Members(organizationId), PageTokens.Members(TenantId, organizationId), pageToken, pageSize, a => a.OrganizationIds.Contains(organizationId));
    }

    public async Task<OrganizationPage> ListOrganizations(string? pageToken, int pageSize)
    {
        await EnsureTenantAsync();
        var (entries, next) = await Rosters.PageAsync(
            GrainFactory, TenantId, Rosters.OrganizationCatalog, PageTokens.Decode(pageToken, PageTokens.Organizations(TenantId)), Clamp(pageSize));
        var views = await Task.WhenAll(entries.Select(e => Organization(Rosters.OrganizationIdOf(e)).Get()));

        // A catalog entry can briefly outlive a move or delete (outbox not flushed yet); the record decides.
        var live = views
            .Select((view, i) => (view, entry: entries[i]))
            .Where(x => x.view is { IsDeleted: false } && x.view.Depth == Rosters.DepthOf(x.entry))
            .Select(x => x.view!)
            .ToImmutableArray();
        return new OrganizationPage(live, next is null ? null : PageTokens.Encode(PageTokens.Organizations(TenantId), next));
    }

    public async Task<OrganizationPage> ListChildren(string parentId, string? pageToken, int pageSize)
    {
        await EnsureTenantAsync();
        GridKeys.ValidateId(parentId, "parent_id");
        var parent = await Organization(parentId).Get();
        if (parent is null || parent.IsDeleted)
        {
            throw new GridException(
                GridErrorKind.NotFound, $"organization '{parentId}' does not exist in tenant '{TenantId}'", "parent_id");
        }

        var children = await Organization(parentId).ListChildren();
        var offset = (int)PageTokens.DecodeOffset(pageToken, PageTokens.Children(TenantId, parentId));
        var size = Clamp(pageSize);
        var page = children.Skip(offset).Take(size).ToImmutableArray();
        var end = offset + page.Length;
        return new OrganizationPage(page, end < children.Length ? PageTokens.Encode(PageTokens.Children(TenantId, parentId), end) : null);
    }

    private async Task<AccountPage> AccountPageAsync(string roster, string tokenKind, string? pageToken, int pageSize, Func<AccountView, bool> keep)
    {
        var (ids, next) = await Rosters.PageAsync(GrainFactory, TenantId, roster, PageTokens.Decode(pageToken, tokenKind), Clamp(pageSize));
        var views = await Task.WhenAll(ids.Select(id => Account(id).Get()));

        // A roster can briefly hold an account whose change is still in its outbox; the account's record decides.
        var live = views.Where(v => v is { Status: not AccountStatus.Deleted } && keep(v)).Select(v => v!).ToImmutableArray();
        return new AccountPage(live, next is null ? null : PageTokens.Encode(tokenKind, next));
    }

    // A tenant is never deleted: once this activation has seen it exist, later queries skip the tenant grain's call.
    private async Task EnsureTenantAsync()
    {
        if (_tenantExists)
        {
            return;
        }

        GridKeys.ValidateTenantId(TenantId);
        if (!await GrainFactory.GetGrain<ITenantGrain>(GridKeys.Tenant(TenantId)).Exists())
        {
            throw GridException.UnknownTenant(TenantId);
        }

        _tenantExists = true;
    }

    private static int Clamp(int pageSize) => pageSize <= 0 ? DefaultPage : Math.Min(pageSize, MaxPage);

    private IAccountGrain Account(string accountId) =>
        GrainFactory.GetGrain<IAccountGrain>(GridKeys.Account(TenantId, accountId));

    private IOrganizationGrain Organization(string organizationId) =>
        GrainFactory.GetGrain<IOrganizationGrain>(GridKeys.Organization(TenantId, organizationId));
}
