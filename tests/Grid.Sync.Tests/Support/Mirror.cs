using Grid.Abstractions.Directory;
using Grid.Sync.Planning;
using Grid.Sync.Sources;

namespace Grid.Sync.Tests.Support;

/// <summary>What "the platform mirrors the snapshot" means, shared by the round-trip tests and the planner properties.</summary>
internal static class Mirror
{
    public static void AssertMirrors(TestApplier applier, SourceSnapshot snapshot, SyncSettings settings)
    {
        var mappings = settings.Mappings.Compile();
        var state = applier.State;
        var platform = applier.Platform;
        var visible = snapshot.Departments.ToDictionary(d => d.Id);

        Assert.Equal(visible.Keys.Order(), state.Departments.Keys.Order());
        Assert.Equal(visible.Count + 1, platform.Organizations.Count);
        foreach (var department in snapshot.Departments)
        {
            var organization = platform.Organizations[state.Departments[department.Id].OrganizationId];
            var parent = visible.ContainsKey(department.ParentId) ? state.Departments[department.ParentId].OrganizationId : Plans.SyncNode;
            Assert.Equal(parent, organization.ParentId);
            Assert.Equal(mappings.Preview(department).ToDictionary(), organization.Fields);
        }

        var expected = snapshot.Members
            .Where(m => !(m.Status == MemberStatus.Left && settings.LeftMembers == LeftMemberAction.Delete))
            .ToArray();
        Assert.Equal(expected.Select(m => m.UserId).Order(StringComparer.Ordinal), state.Members.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Length, platform.Accounts.Count);
        foreach (var member in expected)
        {
            var account = platform.Accounts[state.Members[member.UserId].AccountId];
            Assert.Equal(member.UserId, account.UserId);
            Assert.Equal(mappings.Preview(member).ToDictionary(), account.Fields);
            var organizations = member.Departments.Where(visible.ContainsKey).Select(d => state.Departments[d].OrganizationId).Distinct().Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(organizations.Length > 0 ? organizations : [Plans.SyncNode], account.OrganizationIds);
            var status = member.Status switch
            {
                MemberStatus.Active => AccountStatus.Active,
                MemberStatus.NotActivated => AccountStatus.NotActivated,
                _ => AccountStatus.Disabled,
            };
            Assert.Equal(status, account.Status);
        }
    }
}
