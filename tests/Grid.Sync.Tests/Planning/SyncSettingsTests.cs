using Grid.Abstractions.Connectors;
using Grid.Sync.Planning;

namespace Grid.Sync.Tests.Planning;

public sealed class SyncSettingsTests
{
    [Fact]
    public void Validate_WithDefaults_FindsNothing()
    {
        Assert.Empty(new SyncSettings { SyncNode = "org-1" }.Validate());
    }

    [Fact]
    public void Validate_NamesEachInvalidSetting()
    {
        var settings = new SyncSettings
        {
            SyncNode = "",
            MatchRule = new MatchRule("shoe_size", "userid"),
            UserIdChangeMode = (UserIdChangeMode)7,
            LeftMembers = (LeftMemberAction)0,
            KnownUserIdChanges = new Dictionary<string, string> { ["a"] = "", ["B"] = "b" },
        };

        Assert.Equal(
            [
                "sync_node: required (the organization id WeCom's departments are mirrored under)",
                "match_rule.account_field: unknown account field 'shoe_size' (known: username, display_name, nickname, email, mobile, phone, job_title, employee_id, external_id, gender)",
                "userid_change_mode: 7 is not Recreate or Rebind",
                "left_members: 0 is not Disable or Delete",
                "known_userid_changes: 'a' → '' has an empty userid",
                "known_userid_changes: 'B' → 'b' changes nothing (userids ignore case)",
            ],
            settings.Validate());
    }
}
