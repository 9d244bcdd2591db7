using Grid.Abstractions;
using Grid.Abstractions.Directory;

namespace Grid.EndToEnd.Tests.Infrastructure;

/// <summary>Writes directory objects straight through the grains, as a sync would, for the read API to find.</summary>
public static class DirectorySeed
{
    public static async Task<string> OrganizationAsync(this GridHostFixture host, string tenantId, string name, string? parentId = null)
    {
        var organizationId = GridKeys.NewOrganizationId();
        await host.Grains.GetGrain<IOrganizationGrain>(GridKeys.Organization(tenantId, organizationId))
            .Create(new OrganizationSpec(name, parentId ?? GridKeys.RootOrganizationId));
        return organizationId;
    }

    public static async Task<AccountView> AccountAsync(
        this GridHostFixture host, string tenantId, string username, string organizationId, string? email = null, string? mobile = null)
    {
        var accountId = GridKeys.NewAccountId();
        return await host.Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenantId, accountId))
            .Create(AccountSpec.Active(new AccountProfile(username, $"User {username}", email, mobile), organizationId));
    }
}
