using Grid.Abstractions;
using Grid.Abstractions.Login;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Login;

[Collection(ClusterCollection.Name)]
public sealed class LoginStateGrainTests(ClusterFixture fixture)
{
    private const string Binding = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public async Task Redeem_OfALiveStateFromItsBrowser_GivesTheRequestOnce_ThenReused()
    {
        var state = NewState();
        var request = Request();
        await state.Begin(request);

        var first = await state.Redeem("acme", "main", Binding);
        var second = await state.Redeem("acme", "main", Binding);

        Assert.Equal(LoginStateOutcome.Redeemed, first.Outcome);
        Assert.Equal(request, first.Request);
        Assert.Equal(LoginStateOutcome.Reused, second.Outcome);
        Assert.Null(second.Request);
    }

    [Theory]
    [InlineData("other", "main", Binding)]
    [InlineData("acme", "other", Binding)]
    [InlineData("acme", "main", "0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Redeem_ForAnotherTenantConnectorOrBrowser_IsMismatched_AndUsesTheStateUp(string tenantId, string connectorId, string binding)
    {
        var state = NewState();
        await state.Begin(Request());

        var wrong = await state.Redeem(tenantId, connectorId, binding);
        var right = await state.Redeem("acme", "main", Binding);

        Assert.Equal(LoginStateOutcome.Mismatched, wrong.Outcome);
        Assert.Equal(LoginStateOutcome.Reused, right.Outcome);
    }

    [Fact]
    public async Task Redeem_AfterTheLifetime_IsExpired_AndAStateNeverBegunIsUnknown()
    {
        var state = NewState();
        var expiresAt = await state.Begin(Request());
        fixture.Time.Advance(expiresAt - fixture.Time.GetUtcNow());

        var expired = await state.Redeem("acme", "main", Binding);
        var unknown = await NewState().Redeem("acme", "main", Binding);

        Assert.Equal(LoginStateOutcome.Expired, expired.Outcome);
        Assert.Equal(LoginStateOutcome.Unknown, unknown.Outcome);
    }

    [Fact]
    public async Task Begin_OfAStateBegunBefore_IsAConflict_AndKeepsTheFirstBinding()
    {
        var state = NewState();
        await state.Begin(Request());

        var again = await Assert.ThrowsAsync<GridException>(() => state.Begin(Request() with { BrowserBindingHash = new string('1', 64) }));
        var redeemed = await state.Redeem("acme", "main", Binding);

        Assert.Equal(GridErrorKind.Conflict, again.Kind);
        Assert.Equal(LoginStateOutcome.Redeemed, redeemed.Outcome);
    }

    private ILoginStateGrain NewState() => fixture.Client.GetGrain<ILoginStateGrain>(Guid.NewGuid().ToString("N"));

    private static LoginStateRequest Request() =>
        new("acme", "main", LoginMode.Qr, Binding, "http://127.0.0.1:5080/t/acme/login/wecom/callback", "", PrivateInfo: false);
}
