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

    [Fact]
    public async Task RejectUnknown_CountsLikeAWrongPassword_LocksAfterMaxFailures_AndNeverAccepts()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var unknown = Grains.GetGrain<IPasswordSignInGrain>(GridKeys.UnknownLogin(tenant, "nobody@example.com"));
        var known = await NewAccountAsync();
        var unknownChecks = new List<PasswordCheck>();
        var knownChecks = new List<PasswordCheck>();
        for (var i = 0; i < Lockout.MaxFailures + 1; i++)
        {
            unknownChecks.Add(await unknown.RejectUnknown(Password));
            knownChecks.Add(await known.Verify("wrong"));
        }

        var sameLoginOtherCase = await Grains.GetGrain<IPasswordSignInGrain>(GridKeys.UnknownLogin(tenant, " NOBODY@example.com")).RejectUnknown(Password);
        fixture.Time.Advance(Lockout.Duration);
        var afterLockout = await unknown.RejectUnknown(Password);

        Assert.Equal(knownChecks, unknownChecks);
        Assert.Equal(new PasswordCheck(PasswordCheckOutcome.Locked, Lockout.Duration), unknownChecks[^1]);
        Assert.Equal(PasswordCheckOutcome.Locked, sameLoginOtherCase.Outcome);
        Assert.Equal(PasswordCheckOutcome.Rejected, afterLockout.Outcome);
        Assert.DoesNotContain("nobody", GridKeys.UnknownLogin(tenant, "nobody@example.com"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnUnknownLoginsRow_StaysWhileItsFailuresOrLockCount_AndIsDeletedOnceTheyHavePassed()
    {
        var tenant = await TestIds.NewTenantAsync(Grains);
        var failed = Grains.GetGrain<IPasswordSignInGrain>(GridKeys.UnknownLogin(tenant, "failed-once"));
        var locked = Grains.GetGrain<IPasswordSignInGrain>(GridKeys.UnknownLogin(tenant, "locked"));
        await failed.RejectUnknown(Password);
        for (var i = 0; i < Lockout.MaxFailures; i++)
        {
            await locked.RejectUnknown(Password);
        }

        fixture.Time.Advance(Lockout.Window - TimeSpan.FromSeconds(1));
        await CollectIdleActivationsAsync();
        var withinTheWindow = (await RowAsync(failed), await RowAsync(locked));
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await CollectIdleActivationsAsync();
        var afterTheWindow = await RowAsync(failed);
        fixture.Time.Advance(Lockout.Duration - Lockout.Window);
        await CollectIdleActivationsAsync();
        var afterTheLock = await RowAsync(locked);

        Assert.Equal((1, true), (withinTheWindow.Item1.Failures.Count, withinTheWindow.Item2.LockedUntil is not null));
        Assert.Empty(afterTheWindow.Failures);
        Assert.Null(afterTheLock.LockedUntil);
        Assert.Equal(PasswordCheckOutcome.Rejected, (await locked.RejectUnknown(Password)).Outcome);
    }

    private Task<PasswordSignInState> RowAsync(IPasswordSignInGrain grain) =>
        RawState.ReadAsync<PasswordSignInState>(fixture, "password-sign-in", grain);

    private Task CollectIdleActivationsAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

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
