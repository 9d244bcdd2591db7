using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Sync.Mapping;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Sync.Planning;

/// <summary>The members of a plan: account creates, adoptions, updates, userid changes, refreshes and deletes.</summary>
internal sealed partial class PlanBuilder
{
    private void PlanMembers()
    {
        foreach (var member in _snapshot.Members)
        {
            if (member is null)
            {
                throw new SyncPlanningException("The snapshot holds a null member.");
            }

            if (!_members.TryAdd(member.UserId, member))
            {
                throw new SyncPlanningException($"Userid '{member.UserId}' appears twice in the snapshot (userids ignore case).");
            }
        }

        var renames = ResolveUserIdChanges();
        var (adoptions, unadoptable) = ResolveAdoptions(renames);
        var targets = _mappings.AccountTargetNames;
        var required = MappingCatalog.RequiredAccountTargets.Select(target => Array.IndexOf(targets, target)).ToArray();
        var values = new string[targets.Length];
        foreach (var member in _members.Values.OrderBy(m => m.UserId, StringComparer.Ordinal))
        {
            if (!unadoptable.Contains(member.UserId))
            {
                PlanMember(member, renames, adoptions, targets, required, values);
            }
        }

        var renamedFrom = new HashSet<string>(renames.Values, StringComparer.OrdinalIgnoreCase);
        foreach (var (userId, old) in _mapped.Members)
        {
            if (!_members.ContainsKey(userId) && !renamedFrom.Contains(userId) && InScope(userId))
            {
                _accountDeletes.Add(new AccountDelete(userId, old.AccountId, AccountDeleteReason.Vanished));
            }
        }
    }

    private void PlanMember(
        SourceMember member,
        Dictionary<string, string> renames,
        Dictionary<string, (string AccountId, string MatchValue)> adoptions,
        string[] targets,
        int[] required,
        string[] values)
    {
        if (!TryMapStatus(member.Status, out var status, out var delete))
        {
            AddIssue(member, $"unknown WeCom status {(int)member.Status}; the member is left as it was");
            return;
        }

        string? previousUserId = null;
        if (!_mapped.Members.TryGetValue(member.UserId, out var current) && renames.TryGetValue(member.UserId, out var old))
        {
            previousUserId = old;
            current = _mapped.Members[old];
        }

        if (delete)
        {
            // A member who left and was never synced needs nothing.
            if (current is not null)
            {
                _accountDeletes.Add(new AccountDelete(previousUserId ?? member.UserId, current.AccountId, AccountDeleteReason.Left));
            }

            return;
        }

        _mappings.Evaluate(member, values);
        foreach (var index in required)
        {
            if (string.IsNullOrWhiteSpace(values[index]))
            {
                AddIssue(member, $"the mapping gives no {targets[index]}; the member is left as it was");
                return;
            }
        }

        var organizations = OrganizationsOf(member);
        var sourceHash = _hasher.Hash(member);
        var fieldsHash = _hasher.HashFields(targets, values);
        if (current is null)
        {
            if (adoptions.TryGetValue(member.UserId, out var adoption))
            {
                var adopted = new MappedMember(adoption.AccountId, sourceHash, fieldsHash, organizations, status);
                _accountSteps.Add(new AccountAdopt(
                    member.UserId, adoption.AccountId, adoption.MatchValue, new FieldValues(targets, [.. values]), organizations, status, adopted));
            }
            else
            {
                var accountId = NewId(GridKeys.AccountIdPrefix);
                var created = new MappedMember(accountId, sourceHash, fieldsHash, organizations, status);
                _accountSteps.Add(new AccountCreate(member.UserId, accountId, new FieldValues(targets, [.. values]), organizations, status, created));
            }

            return;
        }

        if (previousUserId is not null)
        {
            if (_settings.UserIdChangeMode == UserIdChangeMode.Rebind)
            {
                var rebound = new MappedMember(current.AccountId, sourceHash, fieldsHash, organizations, status);
                _accountSteps.Add(new AccountRebind(
                    member.UserId, previousUserId, current.AccountId, new FieldValues(targets, [.. values]), organizations, status, rebound));
            }
            else
            {
                var accountId = NewId(GridKeys.AccountIdPrefix);
                var recreated = new MappedMember(accountId, sourceHash, fieldsHash, organizations, status);
                _accountSteps.Add(new AccountRecreate(
                    member.UserId, previousUserId, current.AccountId, accountId, new FieldValues(targets, [.. values]), organizations, status, recreated));
            }

            return;
        }

        var fieldsChanged = current.FieldsHash != fieldsHash;
        var moved = !(current.OrganizationIds.IsDefault ? [] : current.OrganizationIds).AsSpan().SequenceEqual(organizations.AsSpan());
        var statusChanged = current.Status != status;
        var result = new MappedMember(current.AccountId, sourceHash, fieldsHash, organizations, status);
        if (fieldsChanged || moved || statusChanged)
        {
            _accountSteps.Add(new AccountUpdate(
                member.UserId,
                current.AccountId,
                fieldsChanged ? new FieldValues(targets, [.. values]) : null,
                moved ? organizations : null,
                statusChanged ? status : null,
                result));
        }
        else if (current.SourceHash != sourceHash)
        {
            _accountSteps.Add(new MemberRefresh(member.UserId, current.AccountId, result));
        }
    }

    private bool TryMapStatus(MemberStatus status, out AccountStatus accountStatus, out bool delete)
    {
        delete = false;
        switch (status)
        {
            case MemberStatus.Active:
                accountStatus = AccountStatus.Active;
                return true;
            case MemberStatus.Disabled:
                accountStatus = AccountStatus.Disabled;
                return true;
            case MemberStatus.NotActivated:
                accountStatus = AccountStatus.NotActivated;
                return true;
            case MemberStatus.Left:
                accountStatus = AccountStatus.Disabled;
                delete = _settings.LeftMembers == LeftMemberAction.Delete;
                return true;
            default:
                accountStatus = default;
                return false;
        }
    }

    // The organizations of the member's visible departments; a member with none sits in the sync node.
    private ImmutableArray<string> OrganizationsOf(SourceMember member)
    {
        var departmentIds = member.Departments;
        var builder = ImmutableArray.CreateBuilder<string>(departmentIds.Count);
        for (var i = 0; i < departmentIds.Count; i++)
        {
            if (_organizationIds.TryGetValue(departmentIds[i], out var organizationId) && !builder.Contains(organizationId))
            {
                builder.Add(organizationId);
            }
        }

        if (builder.Count == 0)
        {
            return [_settings.SyncNode];
        }

        builder.Sort(StringComparer.Ordinal);
        return builder.DrainToImmutable();
    }

    // New userid → old userid, for known changes whose old userid is mapped and gone and whose new one is new.
    private Dictionary<string, string> ResolveUserIdChanges()
    {
        var renames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (_settings.KnownUserIdChanges.Count == 0)
        {
            return renames;
        }

        var changes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (from, to) in _settings.KnownUserIdChanges.OrderBy(change => change.Key, StringComparer.Ordinal))
        {
            changes.TryAdd(from, to);
        }

        foreach (var (from, to) in changes)
        {
            if (!_mapped.Members.ContainsKey(from) || _members.ContainsKey(from))
            {
                continue;
            }

            var target = to;
            for (var hops = 0; !_members.ContainsKey(target) && hops < changes.Count && changes.TryGetValue(target, out var next); hops++)
            {
                target = next;
            }

            if (!_members.TryGetValue(target, out var member) || _mapped.Members.ContainsKey(target))
            {
                continue;
            }

            if (!renames.TryAdd(member.UserId, from))
            {
                AddIssue(member, $"known userid changes lead here from both '{renames[member.UserId]}' and '{from}'; only '{renames[member.UserId]}' keeps its account");
            }
        }

        return renames;
    }

    // New members that match an existing account, and those that may not be planned because the match is ambiguous.
    private (Dictionary<string, (string AccountId, string MatchValue)> Adoptions, HashSet<string> Unadoptable) ResolveAdoptions(
        Dictionary<string, string> renames)
    {
        var adoptions = new Dictionary<string, (string AccountId, string MatchValue)>(StringComparer.OrdinalIgnoreCase);
        var unadoptable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (_matchValue is null || _adoptionCandidates.Count == 0)
        {
            return (adoptions, unadoptable);
        }

        var claims = new Dictionary<string, List<(string UserId, string MatchValue)>>(StringComparer.Ordinal);
        HashSet<string>? linkedAccounts = null;
        foreach (var member in _members.Values)
        {
            if (_mapped.Members.ContainsKey(member.UserId) || renames.ContainsKey(member.UserId)
                || !TryMapStatus(member.Status, out _, out var delete) || delete)
            {
                continue;
            }

            var value = _matchValue(member);
            if (string.IsNullOrWhiteSpace(value) || !_adoptionCandidates.TryGetValue(value, out var accountId) || string.IsNullOrEmpty(accountId))
            {
                continue;
            }

            linkedAccounts ??= new HashSet<string>(_mapped.Members.Values.Select(m => m.AccountId), StringComparer.Ordinal);
            if (linkedAccounts.Contains(accountId))
            {
                unadoptable.Add(member.UserId);
                AddIssue(member, $"matches account {accountId}, which is already linked to another member; the member is left as it was");
                continue;
            }

            if (!claims.TryGetValue(accountId, out var claimants))
            {
                claims[accountId] = claimants = [];
            }

            claimants.Add((member.UserId, value));
        }

        foreach (var (accountId, claimants) in claims)
        {
            if (claimants.Count == 1)
            {
                adoptions[claimants[0].UserId] = (accountId, claimants[0].MatchValue);
                continue;
            }

            var names = string.Join(", ", claimants.Select(c => c.UserId).Order(StringComparer.Ordinal));
            foreach (var (userId, _) in claimants)
            {
                unadoptable.Add(userId);
                _issues.Add(new PlanIssue(
                    MemberSubject(userId), $"members {names} all match account {accountId}; none is planned until the match is unambiguous"));
            }
        }

        return (adoptions, unadoptable);
    }
}
