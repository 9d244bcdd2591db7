using Grid.Abstractions;

namespace Grid.Grains.Tests;

/// <summary>Page tokens are pure: no silo.</summary>
public sealed class PageTokensTests
{
    [Fact]
    public void Decode_ReadsBackWhatEncodeWrote()
    {
        Assert.Equal("acc_7", PageTokens.Decode(PageTokens.Encode(PageTokens.Accounts, "acc_7"), PageTokens.Accounts));
        Assert.Equal(40, PageTokens.DecodeOffset(PageTokens.Encode(PageTokens.SyncRuns, 40), PageTokens.SyncRuns));
        Assert.Null(PageTokens.Decode(null, PageTokens.Accounts));
        Assert.Equal(0, PageTokens.DecodeOffset("", PageTokens.SyncRuns));
    }

    [Theory]
    [InlineData(PageTokens.SyncRuns, PageTokens.Accounts)]
    [InlineData(PageTokens.Accounts, PageTokens.SyncRuns)]
    [InlineData(PageTokens.Accounts, PageTokens.Organizations)]
    [InlineData(PageTokens.Organizations, "members/org_a")]
    [InlineData("members/org_a", "members/org_b")]
    [InlineData("children/org_a", "children/org_b")]
    [InlineData(PageTokens.Accounts, PageTokens.AuditEntries)]
    [InlineData(PageTokens.Changes, PageTokens.AuditEntries)]
    [InlineData(PageTokens.AuditEntries, PageTokens.SyncRuns)]
    public void Decode_OfAnotherListingsToken_IsInvalidAndNamesPageToken(string issuedBy, string readBy)
    {
        var token = PageTokens.Encode(issuedBy, 20);

        var error = Assert.Throws<GridException>(() => PageTokens.Decode(token, readBy));

        Assert.Equal(("page_token", GridErrorKind.InvalidArgument), (error.Field, error.Kind));
    }

    [Fact]
    public void DecodeOffset_OfAPositionThatIsNoOffset_IsInvalidAndNamesTheField()
    {
        var token = PageTokens.Encode(PageTokens.Plan("run_1"), "acc_7");

        var error = Assert.Throws<GridException>(() => PageTokens.DecodeOffset(token, PageTokens.Plan("run_1"), "plan_page_token"));

        Assert.Equal(("plan_page_token", GridErrorKind.InvalidArgument), (error.Field, error.Kind));
    }

    [Fact]
    public void DecodeResumeToken_ReadsKindedTokens_AndTheDecimalFormIssuedBeforeThem()
    {
        Assert.Equal(41, PageTokens.DecodeResumeToken(PageTokens.Encode(PageTokens.Changes, 41)));
        Assert.Equal(41, PageTokens.DecodeResumeToken("41"));
        Assert.Equal(0, PageTokens.DecodeResumeToken("0"));
    }

    [Theory]
    [InlineData(PageTokens.Accounts)]
    [InlineData(PageTokens.AuditEntries)]
    public void DecodeResumeToken_OfAPageToken_IsInvalidAndNamesResumeToken(string issuedBy)
    {
        var error = Assert.Throws<GridException>(() => PageTokens.DecodeResumeToken(PageTokens.Encode(issuedBy, 20)));

        Assert.Equal(("resume_token", GridErrorKind.InvalidArgument), (error.Field, error.Kind));
    }
}
