using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Grains.Sessions;
using Grid.Grains.Tests.Directory;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class PasswordSignInGrainTests(ClusterFixture fixture)
{
    private const string Password = "s3cret-enough";
    private static readonly LockoutOptions Lockout = new();

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Verify_AfterMaxFailures_LocksEvenTheRightPassword_UntilTheLockoutEnds()
    {
        var grain = await NewAccountAsync();
        for (var i = 0; i < Lockout.MaxFailures; i++)
        {
            Assert.Equal(PasswordCheckOutcome.Rejected, (await grain.Verify("wrong")).Outcome);
        }

        var locked = await grain.Verify(Password);
        fixture.Time.Advance(Lockout.Duration);
        var after = await grain.Verify(Password);

        Assert.Equal(new PasswordCheck(PasswordCheckOutcome.Locked, Lockout.Duration), locked);
        Assert.Equal(PasswordCheckOutcome.Accepted, after.Outcome);
    }

    [Fact]
    public async Task Verify_FailuresOutsideTheWindow_DoNotCount_AndASuccessClearsThem()
    {
        var grain = await NewAccountAsync();
        for (var i = 0; i < Lockout.MaxFailures - 1; i++)
        {
            await grain.Verify("wrong");
        }

        fixture.Time.Advance(Lockout.Window);
        await grain.Verify("wrong");
        Assert.Equal(PasswordCheckOutcome.Accepted, (await grain.Verify(Password)).Outcome);
        for (var i = 0; i < Lockout.MaxFailures - 1; i++)
        {
            await grain.Verify("wrong");
        }

        Assert.Equal(PasswordCheckOutcome.Accepted, (await grain.Verify(Password)).Outcome);
    }

    private async Task<IPasswordSignInGrain> NewAccountAsync()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var accountId = GridKeys.NewAccountId();
        var account = Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenant, accountId));
        await account.Create(AccountGrainTests.Spec("p" + accountId[^8..], null, null));
        await account.SetPassword(Password);
        return Grains.GetGrain<IPasswordSignInGrain>(GridKeys.Account(tenant, accountId));
    }
}
