using System.Collections.Frozen;
using Grid.Abstractions.Connectors;
using Grid.Sync.Mapping;

namespace Grid.Sync.Planning;

/// <summary>A connector's sync configuration, as the planner needs it.</summary>
public sealed record SyncSettings
{
    /// <summary>The organization under which WeCom's top-most visible departments are mirrored.</summary>
    public required string SyncNode { get; init; }

    /// <summary>Field mappings.</summary>
    public FieldMappingSet Mappings { get; init; } = FieldMappingSet.Default;

    /// <summary>How new members adopt existing accounts; null never adopts.</summary>
    public MatchRule? MatchRule { get; init; } = MatchRule.Default;

    /// <summary>
    /// What a known userid change does. Defaults to <see cref="UserIdChangeMode.Rebind"/>: an account id never
    /// changes, whatever happens to the WeCom userid.
    /// </summary>
    public UserIdChangeMode UserIdChangeMode { get; init; } = UserIdChangeMode.Rebind;

    /// <summary>Userid changes learned from callbacks, old → new; chains (a → b → c) are followed.</summary>
    public IReadOnlyDictionary<string, string> KnownUserIdChanges { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>What happens to members whose status is 5 (left).</summary>
    public LeftMemberAction LeftMembers { get; init; } = LeftMemberAction.Disable;

    /// <summary>Every problem, each naming the setting to fix; empty when the settings are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(SyncNode))
        {
            errors.Add("sync_node: required (the organization id WeCom's departments are mirrored under)");
        }

        errors.AddRange(Mappings.Validate());
        if (MatchRule is not null)
        {
            errors.AddRange(MatchRule.Validate());
        }

        if (!Enum.IsDefined(UserIdChangeMode))
        {
            errors.Add($"userid_change_mode: {(int)UserIdChangeMode} is not Recreate or Rebind");
        }

        if (!Enum.IsDefined(LeftMembers))
        {
            errors.Add($"left_members: {(int)LeftMembers} is not Disable or Delete");
        }

        foreach (var (from, to) in KnownUserIdChanges)
        {
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            {
                errors.Add($"known_userid_changes: '{from}' → '{to}' has an empty userid");
            }
            else if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"known_userid_changes: '{from}' → '{to}' changes nothing (userids ignore case)");
            }
        }

        return errors;
    }
}
