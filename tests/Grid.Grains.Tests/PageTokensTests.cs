using Grid.Abstractions;

namespace Grid.Grains.Tests;

/// <summary>Page tokens are pure: no silo.</summary>
public sealed class PageTokensTests
{
    [Fact]
    public void Decode_ReadsBackWhatEncodeWrote()
    {
        Assert.Equal("acc_7", PageTokens.Decode(PageTokens.Encode(PageTokens.Accounts("t1"), "acc_7"), PageTokens.Accounts("t1")));
        Assert.Equal(40, PageTokens.DecodeOffset(PageTokens.Encode(PageTokens.SyncRuns("t1/wecom"), 40), PageTokens.SyncRuns("t1/wecom")));
        Assert.Null(PageTokens.Decode(null, PageTokens.Accounts("t1")));
        Assert.Equal(0, PageTokens.DecodeOffset("", PageTokens.SyncRuns("t1/wecom")));
    }

    public static TheoryData<string, string> OtherListingsAndScopes => new()
    {
        // Another listing.
        { PageTokens.SyncRuns("t1/wecom"), PageTokens.Accounts("t1") },
        { PageTokens.Accounts("t1"), PageTokens.Organizations("t1") },
        { PageTokens.Organizations("t1"), PageTokens.Members("t1", "org_a") },
        { PageTokens.Accounts("t1"), PageTokens.AuditEntries("t1", "") },
        { PageTokens.Changes, PageTokens.AuditEntries("t1", "") },
        { PageTokens.AuditEntries("t1", ""), PageTokens.SyncRuns("t1/wecom") },
        { PageTokens.Children("t1", "org_a"), PageTokens.Members("t1", "org_a") },

        // The same listing under another scope.
        { PageTokens.Accounts("t1"), PageTokens.Accounts("t2") },
        { PageTokens.Organizations("t1"), PageTokens.Organizations("t2") },
        { PageTokens.Members("t1", "org_a"), PageTokens.Members("t1", "org_b") },
        { PageTokens.Members("t1", "org_a"), PageTokens.Members("t2", "org_a") },
        { PageTokens.Children("t1", "org_a"), PageTokens.Children("t1", "org_b") },
        { PageTokens.SyncRuns("t1/wecom"), PageTokens.SyncRuns("t1/other") },
        { PageTokens.Plan("t1/wecom", "run_1"), PageTokens.Plan("t2/wecom", "run_1") },
        { PageTokens.AuditEntries("t1", ""), PageTokens.AuditEntries("t1", "wecom") },
        { PageTokens.AuditEntries("t1", "wecom"), PageTokens.AuditEntries("t2", "wecom") },
    };

    [Theory]
    [MemberData(nameof(OtherListingsAndScopes))]
    public void Decode_OfAnotherListingsOrScopesToken_IsInvalidAndNamesPageToken(string issuedBy, string readBy)
    {
        var token = PageTokens.Encode(issuedBy, 20);

        var error = Assert.Throws<GridException>(() => PageTokens.Decode(token, readBy));

        Assert.Equal(("page_token", GridErrorKind.InvalidArgument), (error.Field, error.Kind));
    }

    [Fact]
    public void DecodeOffset_OfAPositionThatIsNoOffset_IsInvalidAndNamesTheField()
    {
        var token = PageTokens.Encode(PageTokens.Plan("t1/wecom", "run_1"), "acc_7");

        var error = Assert.Throws<GridException>(() => PageTokens.DecodeOffset(token, PageTokens.Plan("t1/wecom", "run_1"), "plan_page_token"));

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
    [InlineData("accounts/t1")]
    [InlineData("audit-entries/t1/")]
    public void DecodeResumeToken_OfAPageToken_IsInvalidAndNamesResumeToken(string issuedBy)
    {
        var error = Assert.Throws<GridException>(() => PageTokens.DecodeResumeToken(PageTokens.Encode(issuedBy, 20)));

        Assert.Equal(("resume_token", GridErrorKind.InvalidArgument), (error.Field, error.Kind));
    }
}
