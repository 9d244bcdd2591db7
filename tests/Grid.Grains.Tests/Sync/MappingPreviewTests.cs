using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;

namespace Grid.Grains.Tests.Sync;

[Collection(SyncCollection.Name)]
public sealed class MappingPreviewTests(SyncClusterFixture fixture)
{
    [Fact]
    public async Task PreviewMapping_WithTheStoredMappings_ShowsTheFirstMembersAsAccountsAndWritesNothing()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 8, departments: 3);
        var before = fixture.Writes.Snapshot();

        var previews = await scenario.Preview.PreviewMapping(new MappingPreviewRequest(null, null, [], 3));

        Assert.Equal(3, previews.Length);
        Assert.All(previews, preview =>
        {
            var member = scenario.Company.FindMember(preview.UserId)!;
            Assert.Equal(member.UserId, preview.AccountFields["username"]);
            Assert.Equal(member.Name, preview.AccountFields["display_name"]);
            Assert.Empty(preview.Errors);
            Assert.Null(preview.MatchedAccountId);
        });
        Assert.Empty(fixture.Writes.Since(before));
    }

    [Fact]
    public async Task PreviewMapping_WithProposedMappings_ReportsErrorsPerTargetAndMemberAndTheAccountTheMatchRuleFinds()
    {
        var scenario = await SyncScenario.CreateAsync(fixture, members: 8, departments: 3);
        var member = scenario.ActiveMembers[1];
        var existing = await scenario.Account("acc_by_hand").Create(AccountSpec.Active(
            new AccountProfile(member.UserId + "@corp.example", "By hand", null, null), GridKeys.RootOrganizationId));
        var proposed = new ConnectorFieldMappings(
            [
                new FieldMapping("username", "lower(userid) + \"@corp.example\""),
                new FieldMapping("display_name", "alias"),
                new FieldMapping("nickname", "no_such_field"),
            ],
            []);

        var previews = await scenario.Preview.PreviewMapping(
            new MappingPreviewRequest(proposed, new MatchRule("username", "lower(userid) + \"@corp.example\""), [member.UserId, "nobody.here"], 0));

        var shown = previews[0];
        Assert.Equal(member.UserId.ToLowerInvariant() + "@corp.example", shown.AccountFields["username"]);
        Assert.False(shown.AccountFields.ContainsKey("nickname"));
        Assert.Contains("no_such_field", shown.Errors["nickname"], StringComparison.Ordinal);
        Assert.Equal(string.IsNullOrEmpty(member.Alias), shown.Errors.ContainsKey("display_name"));
        Assert.Equal(existing.AccountId, shown.MatchedAccountId);
        var unknown = previews[1];
        Assert.Equal("nobody.here", unknown.UserId);
        Assert.Contains("nobody.here", unknown.Errors["userid"], StringComparison.Ordinal);

        var tooMany = await Assert.ThrowsAsync<GridException>(() => scenario.Preview.PreviewMapping(
            new MappingPreviewRequest(null, null, [.. Enumerable.Range(0, 51).Select(i => $"u{i}")], 0)));
        Assert.Equal("userids", tooMany.Field);
    }
}
