using Grid.Abstractions.Sessions;
using Grid.Grains.Sessions;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class SmsCodeGrainTests(ClusterFixture fixture)
{
    private static readonly SmsCodeOptions Options = new();

    [Fact]
    public async Task Issue_MakesASixDigitCode_SealedAtRest_AcceptedOnce()
    {
        var grain = NewCode();

        var issue = await grain.Issue();
        var state = await RawState.ReadAsync<SmsCodeState>(fixture, "sms-code", grain);

        Assert.Matches("^[0-9]{6}$", issue.Code);
        Assert.Equal(fixture.Time.GetUtcNow() + Options.Lifetime, issue.ExpiresAt);
        Assert.False(RawState.Contains(fixture, state, issue.Code!), "the code is stored in clear");
        Assert.Equal(SmsCodeCheck.Accepted, await grain.Verify(issue.Code!));
        Assert.Equal(SmsCodeCheck.Rejected, await grain.Verify(issue.Code!));
    }

    [Fact]
    public async Task Verify_AfterTheLifetime_IsRejected_AndANewCodeMayBeSentAfterTheResendInterval()
    {
        var grain = NewCode();
        var first = await grain.Issue();

        var throttled = await grain.Issue();
        fixture.Time.Advance(Options.Lifetime);
        var expired = await grain.Verify(first.Code!);
        var next = await grain.Issue();

        Assert.Null(throttled.Code);
        Assert.Equal(Options.ResendInterval, throttled.RetryAfter);
        Assert.Equal(SmsCodeCheck.Rejected, expired);
        Assert.NotNull(next.Code);
    }

    private ISmsCodeGrain NewCode() =>
        fixture.Client.GetGrain<ISmsCodeGrain>(SessionKeys.SmsCode(TestIds.NewTenantId(), SmsCodePurpose.Login, "+86138" + Random.Shared.Next(10_000_000, 99_999_999)));
}
