using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Directory;

namespace Grid.Grains.Tests.Directory;

/// <summary>Account validation is pure: no silo.</summary>
public sealed class AccountValidationTests
{
    [Fact]
    public void Profile_TrimsValues_AndDropsEmptyOnes()
    {
        var profile = AccountValidation.Profile(new AccountProfile(" zhangsan ", " Zhang San ", "  ", " 13800000000 ", ImmutableSortedDictionary<string, string>.Empty));

        Assert.Equal(new AccountProfile("zhangsan", "Zhang San", null, "13800000000"), profile);
        Assert.Null(profile.Attributes);
    }

    [Theory]
    [InlineData(null, "   ", null, null, "display_name")]
    [InlineData("has space", "Zhang San", null, null, "username")]
    [InlineData(null, "Zhang San", "not-an-email", null, "email")]
    [InlineData(null, "Zhang San", null, "call me", "mobile")]
    public void Profile_WithABadValue_NamesTheField(string? username, string displayName, string? email, string? mobile, string field)
    {
        var error = Assert.Throws<GridException>(() => AccountValidation.Profile(new AccountProfile(username, displayName, email, mobile)));

        Assert.Equal(GridErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("Title", "x")]
    [InlineData("title", null)]
    public void Profile_WithABadAttribute_NamesAttributes(string key, string? value)
    {
        var attributes = ImmutableSortedDictionary<string, string>.Empty.Add(key, value!);

        var error = Assert.Throws<GridException>(() => AccountValidation.Profile(new AccountProfile(null, "Zhang San", null, null, attributes)));

        Assert.Equal("attributes", error.Field);
    }

    [Fact]
    public void Profile_Missing_NamesProfile() =>
        Assert.Equal("profile", Assert.Throws<GridException>(() => AccountValidation.Profile(null)).Field);

    [Fact]
    public void Organizations_AreSortedOrdinallyWithoutRepeats()
    {
        Assert.Equal(["B", "a", "b"], AccountValidation.Organizations(["b", "a", "B", "b"]).ToArray());
        Assert.Empty(AccountValidation.Organizations(default));
    }

    [Fact]
    public void Organizations_OverTheLimitOrWithABadId_NameOrganizationIds()
    {
        var tooMany = Enumerable.Range(0, AccountValidation.MaxOrganizations + 1).Select(i => $"org{i}").ToImmutableArray();

        Assert.Equal("organization_ids", Assert.Throws<GridException>(() => AccountValidation.Organizations(tooMany)).Field);
        Assert.Equal("organization_ids", Assert.Throws<GridException>(() => AccountValidation.Organizations(["has/slash"])).Field);
    }

    [Fact]
    public void ExternalIds_AreTrimmedAndSortedBySource()
    {
        var externalIds = AccountValidation.ExternalIds([new ExternalId(" wecom ", " zhangsan "), new ExternalId("hr", "42")]);

        Assert.Equal([new ExternalId("hr", "42"), new ExternalId("wecom", "zhangsan")], externalIds.ToArray());
    }

    [Fact]
    public void ExternalIds_TwoForOneSourceOrWithoutAValueOrTooMany_NameExternalIds()
    {
        var tooMany = Enumerable.Range(0, AccountValidation.MaxExternalIds + 1).Select(i => new ExternalId($"s{i}", "v")).ToImmutableArray();

        Assert.Equal("external_ids", Assert.Throws<GridException>(() =>
            AccountValidation.ExternalIds([new ExternalId("wecom", "a"), new ExternalId("WeCom", "b")])).Field);
        Assert.Equal("external_ids", Assert.Throws<GridException>(() => AccountValidation.ExternalIds([new ExternalId("wecom", " ")])).Field);
        Assert.Equal("external_ids", Assert.Throws<GridException>(() => AccountValidation.ExternalIds([new ExternalId("wecom", "a b")])).Field);
        Assert.Equal("external_ids", Assert.Throws<GridException>(() => AccountValidation.ExternalIds(tooMany)).Field);
    }

    [Theory]
    [InlineData(AccountStatus.Deleted)]
    [InlineData((AccountStatus)99)]
    public void CreateStatus_DeletedOrUnknown_NamesStatus(AccountStatus status) =>
        Assert.Equal("status", Assert.Throws<GridException>(() => AccountValidation.CreateStatus(status)).Field);

    [Fact]
    public void Status_AcceptsDeleted_AndRefusesAnUnknownValue()
    {
        Assert.Equal(AccountStatus.Deleted, AccountValidation.Status(AccountStatus.Deleted));
        Assert.Equal("status", Assert.Throws<GridException>(() => AccountValidation.Status((AccountStatus)99)).Field);
    }
}
