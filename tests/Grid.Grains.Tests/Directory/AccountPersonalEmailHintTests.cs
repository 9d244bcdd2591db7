using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Grains.Directory;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Directory;

/// <summary>
/// The account's hint that no personal email was ever proposed, which lets directory reads skip the personal-email
/// grain: set at creation, cleared by the first proposal, and never claimed for an account stored before it was kept.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountPersonalEmailHintTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task ANewAccount_HasNoPersonalEmail_UntilOneIsProposed_WithoutANewVersion()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var key = GridKeys.Account(tenant, "acc_hint");
        var account = Grains.GetGrain<IAccountGrain>(key);
        var created = await account.Create(AccountGrainTests.Spec("hint", null, null, GridKeys.RootOrganizationId));

        await Grains.GetGrain<IPersonalEmailGrain>(key).Propose("hint@example.org");
        var proposed = await account.Get();

        Assert.True(created.HasNoPersonalEmail);
        Assert.False(proposed!.HasNoPersonalEmail);
        Assert.Equal(created.Version, proposed.Version);
        Assert.Equal(true, (await RawState.ReadAsync<AccountState>(fixture, "account", account)).PersonalEmailProposed);
    }

    [Fact]
    public async Task AnAccountStoredBeforeTheHintWasKept_MakesReadersLook()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var account = Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, "acc_old"));
        var stored = new AccountState { Exists = true, Profile = new AccountProfile("old", "Old", null, null), Status = AccountStatus.Active, Version = 4 };
        await fixture.Storage.WriteStateAsync("account", account.GetGrainId(), new GrainState<AccountState>(stored));

        var view = await account.Get();

        Assert.Equal(("old", false), (view!.Profile.Username, view.HasNoPersonalEmail));
    }

    [Fact]
    public async Task AProposalForAnAccountThatDoesNotExist_CreatesNoAccount()
    {
        var key = GridKeys.Account(await TestIds.NewTenantAsync(Grains), "acc_none");

        await Grains.GetGrain<IPersonalEmailGrain>(key).Propose("none@example.org");

        Assert.Null(await Grains.GetGrain<IAccountGrain>(key).Get());
    }
}
