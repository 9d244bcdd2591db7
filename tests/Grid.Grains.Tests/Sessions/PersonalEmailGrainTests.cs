using Grid.Abstractions;
using Grid.Abstractions.Sessions;
using Grid.Grains.Sessions;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class PersonalEmailGrainTests(ClusterFixture fixture)
{
    private static readonly SessionOptions Options = new();

    [Fact]
    public async Task Propose_KeepsTheAddressUnverified_TheTokenHashedAtRest_AndConfirmAcceptsItOnce()
    {
        var grain = NewEmail();

        var issued = await grain.Propose("li.lei@example.org");
        var pending = await grain.Get();
        var state = await RawState.ReadAsync<PersonalEmailState>(fixture, "personal-email", grain);
        var first = await grain.Confirm(issued.Token);
        var confirmed = await grain.Get();
        var second = await grain.Confirm(issued.Token);

        Assert.Equal(fixture.Time.GetUtcNow() + Options.PersonalEmailTokenLifetime, issued.ExpiresAt);
        Assert.Equal(new PersonalEmail("li.lei@example.org", false, null), pending);
        Assert.False(RawState.Contains(fixture, state, issued.Token), "the token is stored in clear");
        Assert.Equal(PersonalEmailCheck.Confirmed, first);
        Assert.Equal(new PersonalEmail("li.lei@example.org", true, fixture.Time.GetUtcNow()), confirmed);
        Assert.Equal(PersonalEmailCheck.AlreadyUsed, second);
        Assert.Equal(confirmed, await grain.Get());
    }

    [Fact]
    public async Task Confirm_AfterTheLifetime_IsExpired_AndLeavesTheAddressUnverified()
    {
        var grain = NewEmail();
        var issued = await grain.Propose("han.meimei@example.org");

        fixture.Time.Advance(Options.PersonalEmailTokenLifetime);
        var check = await grain.Confirm(issued.Token);

        Assert.Equal(PersonalEmailCheck.Expired, check);
        Assert.Equal(new PersonalEmail("han.meimei@example.org", false, null), await grain.Get());
    }

    [Fact]
    public async Task Confirm_WithAForgedTokenOrAnotherAccountsToken_IsRejected_AndChangesNothing()
    {
        var grain = NewEmail();
        var other = NewEmail();
        await grain.Propose("a@example.org");
        var othersToken = await other.Propose("a@example.org");

        var forged = await grain.Confirm("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var foreign = await grain.Confirm(othersToken.Token);
        var nothingGiven = await NewEmail().Confirm(othersToken.Token);

        Assert.Equal(PersonalEmailCheck.Rejected, forged);
        Assert.Equal(PersonalEmailCheck.Rejected, foreign);
        Assert.Equal(PersonalEmailCheck.Rejected, nothingGiven);
        Assert.Equal(new PersonalEmail("a@example.org", false, null), await grain.Get());
    }

    [Fact]
    public async Task Propose_ANewAddress_VoidsTheEarlierToken_AndMakesTheAccountUnverifiedAgain()
    {
        var grain = NewEmail();
        var first = await grain.Propose("old@example.org");
        Assert.Equal(PersonalEmailCheck.Confirmed, await grain.Confirm(first.Token));

        var second = await grain.Propose("new@example.org");
        var unverified = await grain.Get();
        var stale = await grain.Confirm(first.Token);
        var current = await grain.Confirm(second.Token);

        Assert.Equal(new PersonalEmail("new@example.org", false, null), unverified);
        Assert.Equal(PersonalEmailCheck.Rejected, stale);
        Assert.Equal(PersonalEmailCheck.Confirmed, current);
        Assert.True((await grain.Get())!.Verified);
    }

    private IPersonalEmailGrain NewEmail() =>
        fixture.Client.GetGrain<IPersonalEmailGrain>(GridKeys.Account(TestIds.NewTenantId(), "acc_" + Guid.NewGuid().ToString("N")));
}
