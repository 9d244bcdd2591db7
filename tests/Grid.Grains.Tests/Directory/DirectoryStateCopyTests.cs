using Grid.Abstractions.Directory;
using Grid.Grains.Directory;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Grid.Grains.Tests.Directory;

/// <summary>The directory grains change copies made by Orleans' deep copier: every field comes along, no list is shared.</summary>
public sealed class DirectoryStateCopyTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(AccountState).Assembly))
        .BuildServiceProvider();

    [Fact]
    public void AccountState_CopiesEveryField_AndSharesNoList()
    {
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var state = new AccountState
        {
            Exists = true,
            Profile = new AccountProfile("zhangsan", "Zhang San", "zs@example.com", "13800000000"),
            Status = AccountStatus.Disabled,
            OrganizationIds = ["sales"],
            ExternalIds = [new ExternalId("wecom", "zhangsan")],
            SealedPasswordHash = "sealed",
            Version = 3,
            CreatedAt = at,
            UpdatedAt = at.AddHours(1),
            Outbox = new AccountOutbox { Rosters = ["sales"], Catalog = true, Releases = [new UniqueClaim(UniqueField.Email, "old@example.com")] },
        };

        var copy = Services.GetRequiredService<DeepCopier<AccountState>>().Copy(state);
        copy.OrganizationIds.Add("hr");
        copy.Outbox.Rosters.Clear();

        Assert.Equal(
            (state.Exists, state.Profile, state.Status, state.ExternalIds[0], state.SealedPasswordHash, state.Version, state.CreatedAt, state.UpdatedAt),
            (copy.Exists, copy.Profile, copy.Status, copy.ExternalIds[0], copy.SealedPasswordHash, copy.Version, copy.CreatedAt, copy.UpdatedAt));
        Assert.True(copy.Outbox.Catalog);
        Assert.Equal(state.Outbox.Releases, copy.Outbox.Releases);
        Assert.Equal(["sales"], state.OrganizationIds);
        Assert.Equal(["sales"], state.Outbox.Rosters);
    }

    [Fact]
    public void OrganizationState_CopiesEveryField_AndSharesNoList()
    {
        var state = new OrganizationState
        {
            Exists = true, Name = "Sales", ParentId = "root", ExternalId = new ExternalId("wecom", "2"), Code = "S", Order = 7,
            Depth = 1, IsDeleted = false, Version = 2, Children = ["east"],
            Outbox = new OrganizationOutbox { DetachFrom = ["old"], StaleCatalogEntries = ["0001/sales"], Catalog = true, CascadeDepth = true },
        };

        var copy = Services.GetRequiredService<DeepCopier<OrganizationState>>().Copy(state);
        copy.Children.Add("west");
        copy.Outbox.DetachFrom.Clear();

        Assert.Equal(
            (state.Name, state.ParentId, state.ExternalId, state.Code, state.Order, state.Depth, state.Version),
            (copy.Name, copy.ParentId, copy.ExternalId, copy.Code, copy.Order, copy.Depth, copy.Version));
        Assert.True(copy.Outbox.Catalog && copy.Outbox.CascadeDepth);
        Assert.Equal(state.Outbox.StaleCatalogEntries, copy.Outbox.StaleCatalogEntries);
        Assert.Equal(["east"], state.Children);
        Assert.Equal(["old"], state.Outbox.DetachFrom);
    }
}
