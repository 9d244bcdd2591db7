using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Grains.Directory;

namespace Grid.Grains.Tests.Directory;

/// <summary>Organization validation is pure: no silo.</summary>
public sealed class OrganizationValidationTests
{
    [Fact]
    public void Parent_OfTheRootIsNone_AndOfAnyOtherIsRequired()
    {
        Assert.Null(OrganizationValidation.Parent(GridKeys.RootOrganizationId, ""));
        Assert.Equal("sales", OrganizationValidation.Parent("east", "sales"));
        Assert.Equal("parent_id", Assert.Throws<GridException>(() => OrganizationValidation.Parent(GridKeys.RootOrganizationId, "sales")).Field);
        Assert.Equal("parent_id", Assert.Throws<GridException>(() => OrganizationValidation.Parent("east", null)).Field);
    }

    [Theory]
    [InlineData("east")]
    [InlineData("has/slash")]
    public void Parent_ItselfOrAnInvalidId_NamesParentId(string parentId) =>
        Assert.Equal("parent_id", Assert.Throws<GridException>(() => OrganizationValidation.Parent("east", parentId)).Field);

    [Fact]
    public void Name_IsTrimmed_AndRequired()
    {
        Assert.Equal("Sales", OrganizationValidation.Name("  Sales "));
        Assert.Equal("name", Assert.Throws<GridException>(() => OrganizationValidation.Name(" ")).Field);
        Assert.Equal("name", Assert.Throws<GridException>(() => OrganizationValidation.Name(new string('x', 129))).Field);
    }

    [Fact]
    public void Code_EmptyIsNone_AndLongIsRefused()
    {
        Assert.Null(OrganizationValidation.Code("  "));
        Assert.Equal("S-1", OrganizationValidation.Code(" S-1 "));
        Assert.Equal("code", Assert.Throws<GridException>(() => OrganizationValidation.Code(new string('x', 65))).Field);
    }

    [Fact]
    public void ExternalId_IsTrimmed_AndNeedsASourceAndAValue()
    {
        Assert.Null(OrganizationValidation.ExternalId(null));
        Assert.Equal(new ExternalId("wecom", "7"), OrganizationValidation.ExternalId(new ExternalId(" wecom ", " 7 ")));
        Assert.Equal("external_id", Assert.Throws<GridException>(() => OrganizationValidation.ExternalId(new ExternalId("wecom", ""))).Field);
    }
}
