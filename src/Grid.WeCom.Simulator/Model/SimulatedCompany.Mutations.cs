// Over 400 lines on purpose: each mutation beside its *Locked helper and Publish, so validate, re-index, then tell the apps reads in one place.
using Grid.WeCom.Simulator.Api;

namespace Grid.WeCom.Simulator.Model;

// Changes as an admin (or the contact API) would make them; each queues its change_contact callbacks in order.
// Who is told: create_* the apps that see the object afterwards, delete_* those that saw it before, update_* those
// that see it before or after (API.md leaves scope transitions unspecified; this keeps every app's view consistent).
public sealed partial class SimulatedCompany
{
    private const string CreateUser = "create_user";
    private const string UpdateUser = "update_user";
    private const string DeleteUser = "delete_user";
    private const string CreateParty = "create_party";
    private const string UpdateParty = "update_party";
    private const string DeleteParty = "delete_party";

    /// <summary>Adds a member (60102 when the userid exists, 40066 for unknown departments, 60104 for a taken mobile).</summary>
    public SimulatedChange AddMember(SimulatedMember member)
    {
        lock (_gate)
        {
            InsertMember(ValidateMember(member, existing: null));
            var events = new List<(SimulatedApp, ContactEvent)>();
            foreach (var scope in CallbackScopes())
            {
                if (scope.SeesMember(member))
                {
                    events.Add((scope.App, new UserContactEvent(CreateUser, member.UserId, null, ViewLocked(member, scope))));
                }
            }

            return Publish(CreateUser, events);
        }
    }

    /// <summary>
    /// Replaces a member's fields (departments included: this is also how a member moves). The userid selects the
    /// member and cannot change here; use <see cref="ChangeUserId"/>.
    /// </summary>
    public SimulatedChange UpdateMember(SimulatedMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_gate)
        {
            return UpdateMemberLocked(member);
        }
    }

    /// <summary>Updates a member from its current state.</summary>
    public SimulatedChange UpdateMember(string userId, Func<SimulatedMember, SimulatedMember> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            return UpdateMemberLocked(update(RequireMember(userId).Member));
        }
    }

    /// <summary>Moves a member to other departments (leader flags and orders reset).</summary>
    public SimulatedChange MoveMember(string userId, IReadOnlyList<int> departments, int mainDepartment = 0)
    {
        return UpdateMember(userId, member => member with
        {
            Departments = departments,
            Orders = [],
            IsLeaderInDept = [],
            MainDepartment = mainDepartment,
        });
    }

    /// <summary>
    /// Changes a member's userid. WeCom allows it once per member (a second change is refused with 301036); apps
    /// get update_user with the old UserID and the NewUserID.
    /// </summary>
    public SimulatedChange ChangeUserId(string userId, string newUserId)
    {
        lock (_gate)
        {
            var entry = RequireMember(userId);
            if (entry.UserIdChanged)
            {
                throw WeComSimulatorException.Of(WeComErrors.UserIdChangeNotAllowed, $"userid '{entry.Member.UserId}' was already changed once");
            }

            var renamed = entry.Member with { UserId = newUserId };
            if (_members.TryGetValue(newUserId, out var other) && !ReferenceEquals(other, entry))
            {
                throw WeComSimulatorException.Of(WeComErrors.UserIdExists, $"userid '{newUserId}' exists (userids are compared case-insensitively)");
            }

            ValidateMember(renamed, entry);
            var oldUserId = entry.Member.UserId;
            _members.Remove(oldUserId);
            entry.Member = renamed;
            entry.UserIdChanged = true;
            _members[newUserId] = entry;
            if (renamed.Mobile.Length > 0)
            {
                _mobiles[renamed.Mobile] = newUserId;
            }

            ReplaceLeaderReferences(oldUserId, newUserId);
            foreach (var agentId in _appOrder.ToArray())
            {
                var app = _apps[agentId];
                if (app.VisibleUsers.Contains(oldUserId, StringComparer.OrdinalIgnoreCase))
                {
                    _apps[agentId] = app with
                    {
                        VisibleUsers = [.. app.VisibleUsers.Select(u => string.Equals(u, oldUserId, StringComparison.OrdinalIgnoreCase) ? newUserId : u)],
                    };
                }
            }

            var events = new List<(SimulatedApp, ContactEvent)>();
            foreach (var scope in CallbackScopes())
            {
                if (scope.SeesMember(renamed))
                {
                    events.Add((scope.App, new UserContactEvent(UpdateUser, oldUserId, newUserId, ViewLocked(renamed, scope))));
                }
            }

            return Publish(UpdateUser, events);
        }
    }

    /// <summary>Deletes a member (60111 when unknown).</summary>
    public SimulatedChange DeleteMember(string userId)
    {
        lock (_gate)
        {
            var entry = RequireMember(userId);
            var member = entry.Member;
            var seen = CallbackScopes().Where(scope => scope.SeesMember(member)).Select(scope => scope.App).ToList();
            _members.Remove(member.UserId);
            _order.RemoveAt(LowerBound(entry.Sequence));
            foreach (var department in member.Departments)
            {
                _byDepartment[department].Remove(entry);
            }

            if (member.Mobile.Length > 0)
            {
                _mobiles.Remove(member.Mobile);
            }

            ReplaceLeaderReferences(member.UserId, null);
            foreach (var agentId in _appOrder.ToArray())
            {
                var app = _apps[agentId];
                if (app.VisibleUsers.Contains(member.UserId, StringComparer.OrdinalIgnoreCase))
                {
                    _apps[agentId] = app with
                    {
                        VisibleUsers = [.. app.VisibleUsers.Where(u => !string.Equals(u, member.UserId, StringComparison.OrdinalIgnoreCase))],
                    };
                }
            }

            var events = seen
                .Select(app => (app, (ContactEvent)new UserContactEvent(DeleteUser, member.UserId, null, null)))
                .ToList();
            return Publish(DeleteUser, events);
        }
    }

    /// <summary>
    /// Adds a department (60008 when the id or the name among its siblings exists, 60004 for an unknown parent,
    /// 60001/60009 for a bad name, 40058 beyond depth 15).
    /// </summary>
    public SimulatedChange AddDepartment(SimulatedDepartment department)
    {
        ArgumentNullException.ThrowIfNull(department);
        lock (_gate)
        {
            ValidateDepartmentFields(department);
            if (department.Id <= RootDepartmentId)
            {
                throw WeComSimulatorException.Of(WeComErrors.InvalidDepartmentId, $"department id {department.Id} must be greater than 1");
            }

            if (_departments.ContainsKey(department.Id))
            {
                throw WeComSimulatorException.Of(WeComErrors.DepartmentExists, $"department {department.Id} exists");
            }

            ValidatePlacement(department, subtreeHeight: 1);
            _departments.Add(department.Id, department);
            ChildList(department.ParentId).Add(department.Id);
            _treeVersion++;
            var events = CallbackScopes()
                .Where(scope => scope.SeesDepartment(department.Id))
                .Select(scope => (scope.App, (ContactEvent)new PartyContactEvent(CreateParty, department)))
                .ToList();
            return Publish(CreateParty, events);
        }
    }

    /// <summary>Renames, reorders or moves a department (60010 when moved under itself).</summary>
    public SimulatedChange UpdateDepartment(SimulatedDepartment department)
    {
        ArgumentNullException.ThrowIfNull(department);
        lock (_gate)
        {
            return UpdateDepartmentLocked(department);
        }
    }

    /// <summary>Moves a department under another parent.</summary>
    public SimulatedChange MoveDepartment(int id, int parentId)
    {
        lock (_gate)
        {
            return UpdateDepartmentLocked(RequireDepartment(id) with { ParentId = parentId });
        }
    }

    /// <summary>Renames a department.</summary>
    public SimulatedChange RenameDepartment(int id, string name, string? nameEn = null)
    {
        lock (_gate)
        {
            var current = RequireDepartment(id);
            return UpdateDepartmentLocked(current with { Name = name, NameEn = nameEn ?? current.NameEn });
        }
    }

    /// <summary>Deletes an empty department (60005 with members, 60006 with sub-departments, 60007 for the root).</summary>
    public SimulatedChange DeleteDepartment(int id)
    {
        lock (_gate)
        {
            if (id == RootDepartmentId)
            {
                throw WeComSimulatorException.Of(WeComErrors.RootDepartmentUndeletable, "the root department cannot be deleted");
            }

            var department = RequireDepartment(id);
            if (_children.TryGetValue(id, out var children) && children.Count > 0)
            {
                throw WeComSimulatorException.Of(WeComErrors.DepartmentHasChildren, $"department {id} has sub-departments");
            }

            if (_byDepartment.TryGetValue(id, out var entries) && entries.Count > 0)
            {
                throw WeComSimulatorException.Of(WeComErrors.DepartmentHasMembers, $"department {id} has members");
            }

            var seen = CallbackScopes().Where(scope => scope.SeesDepartment(id)).Select(scope => scope.App).ToList();
            _departments.Remove(id);
            _children[department.ParentId].Remove(id);
            _children.Remove(id);
            _byDepartment.Remove(id);
            _treeVersion++;
            var events = seen
                .Select(app => (app, (ContactEvent)new PartyContactEvent(DeleteParty, department)))
                .ToList();
            return Publish(DeleteParty, events);
        }
    }

    /// <summary>Adds an app (40056 when the agent id exists).</summary>
    public void AddApp(SimulatedApp app)
    {
        lock (_gate)
        {
            AddAppLocked(app);
        }
    }

    /// <summary>Replaces an app's settings (scope, trusted IPs and domain, allowed fields, callback, secret).</summary>
    public void UpdateApp(SimulatedApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        lock (_gate)
        {
            if (!_apps.ContainsKey(app.AgentId))
            {
                throw WeComSimulatorException.Of(WeComErrors.InvalidAgentId, $"no app {app.AgentId} in {CorpId}");
            }

            ValidateApp(app);
            _apps[app.AgentId] = app;
        }
    }

    /// <summary>Updates an app from its current settings.</summary>
    public SimulatedApp UpdateApp(int agentId, Func<SimulatedApp, SimulatedApp> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            var current = _apps.GetValueOrDefault(agentId)
                ?? throw WeComSimulatorException.Of(WeComErrors.InvalidAgentId, $"no app {agentId} in {CorpId}");
            var updated = update(current);
            if (updated.AgentId != agentId)
            {
                throw WeComSimulatorException.Of(WeComErrors.InvalidAgentId, "an app's agent id cannot change");
            }

            ValidateApp(updated);
            _apps[agentId] = updated;
            return updated;
        }
    }

    /// <summary>Shrinks or widens an app's visible scope. WeCom sends no change_contact for this.</summary>
    public SimulatedApp SetVisibleScope(int agentId, IReadOnlyList<int> departments, IReadOnlyList<string>? users = null)
    {
        return UpdateApp(agentId, app => app with { VisibleDepartments = departments, VisibleUsers = users ?? [] });
    }

    private void AddAppLocked(SimulatedApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (_apps.ContainsKey(app.AgentId))
        {
            throw WeComSimulatorException.Of(WeComErrors.InvalidAgentId, $"app {app.AgentId} exists in {CorpId}");
        }

        ValidateApp(app);
        _apps.Add(app.AgentId, app);
        _appOrder.Add(app.AgentId);
    }

    private void ValidateApp(SimulatedApp app)
    {
        if (string.IsNullOrEmpty(app.Secret))
        {
            throw WeComSimulatorException.Of(WeComErrors.InvalidCredential, $"app {app.AgentId} needs a secret");
        }

        foreach (var department in app.VisibleDepartments)
        {
            if (!_departments.ContainsKey(department))
            {
                throw WeComSimulatorException.Of(WeComErrors.DepartmentNotFound, $"app {app.AgentId} scope names unknown department {department}");
            }
        }

        foreach (var user in app.VisibleUsers)
        {
            if (!_members.ContainsKey(user))
            {
                throw WeComSimulatorException.Of(WeComErrors.UserIdNotFound, $"app {app.AgentId} scope names unknown member '{user}'");
            }
        }
    }

    private SimulatedChange UpdateMemberLocked(SimulatedMember member)
    {
        var entry = RequireMember(member.UserId);
        var previous = entry.Member;
        var updated = ValidateMember(member with { UserId = previous.UserId }, entry);
        var scopes = CallbackScopes();
        var seenBefore = scopes.Select(scope => scope.SeesMember(previous)).ToArray();
        foreach (var department in previous.Departments.Except(updated.Departments))
        {
            _byDepartment[department].Remove(entry);
        }

        foreach (var department in updated.Departments.Except(previous.Departments))
        {
            DepartmentEntries(department).Add(entry);
        }

        if (previous.Mobile.Length > 0)
        {
            _mobiles.Remove(previous.Mobile);
        }

        if (updated.Mobile.Length > 0)
        {
            _mobiles[updated.Mobile] = updated.UserId;
        }

        entry.Member = updated;
        var events = new List<(SimulatedApp, ContactEvent)>();
        for (var i = 0; i < scopes.Count; i++)
        {
            if (seenBefore[i] || scopes[i].SeesMember(updated))
            {
                events.Add((scopes[i].App, new UserContactEvent(UpdateUser, updated.UserId, null, ViewLocked(updated, scopes[i]))));
            }
        }

        return Publish(UpdateUser, events);
    }

    private SimulatedChange UpdateDepartmentLocked(SimulatedDepartment department)
    {
        var previous = RequireDepartment(department.Id);
        ValidateDepartmentFields(department);
        if (department.Id == RootDepartmentId)
        {
            if (department.ParentId != 0)
            {
                throw WeComSimulatorException.Of(WeComErrors.DepartmentCycle, "the root department cannot move");
            }
        }
        else
        {
            for (var current = department.ParentId; current != 0; current = _departments.TryGetValue(current, out var d) ? d.ParentId : 0)
            {
                if (current == department.Id)
                {
                    throw WeComSimulatorException.Of(WeComErrors.DepartmentCycle, $"department {department.Id} cannot move under itself");
                }
            }

            ValidatePlacement(department, SubtreeHeight(department.Id));
        }

        var seenBefore = CallbackScopes().Where(scope => scope.SeesDepartment(department.Id)).Select(scope => scope.App.AgentId).ToHashSet();
        _departments[department.Id] = department;
        if (previous.ParentId != department.ParentId)
        {
            _children[previous.ParentId].Remove(department.Id);
            ChildList(department.ParentId).Add(department.Id);
            _treeVersion++;
        }

        var events = CallbackScopes()
            .Where(scope => seenBefore.Contains(scope.App.AgentId) || scope.SeesDepartment(department.Id))
            .Select(scope => (scope.App, (ContactEvent)new PartyContactEvent(UpdateParty, department)))
            .ToList();
        return Publish(UpdateParty, events);
    }

    private void ValidatePlacement(SimulatedDepartment department, int subtreeHeight)
    {
        if (!_departments.ContainsKey(department.ParentId))
        {
            throw WeComSimulatorException.Of(WeComErrors.ParentDepartmentNotFound, $"parent department {department.ParentId} does not exist");
        }

        if (DepthLocked(department.ParentId) + subtreeHeight > MaxDepth)
        {
            throw WeComSimulatorException.Of(WeComErrors.InvalidParameter, $"department {department.Id} would be deeper than {MaxDepth} levels");
        }

        if (_children.TryGetValue(department.ParentId, out var siblings)
            && siblings.Any(id => id != department.Id && string.Equals(_departments[id].Name, department.Name, StringComparison.Ordinal)))
        {
            throw WeComSimulatorException.Of(WeComErrors.DepartmentExists, $"department {department.ParentId} already has a child named {department.Name}");
        }
    }

    private int SubtreeHeight(int id)
    {
        if (!_children.TryGetValue(id, out var children) || children.Count == 0)
        {
            return 1;
        }

        return 1 + children.Max(SubtreeHeight);
    }

    private void ReplaceLeaderReferences(string userId, string? replacement)
    {
        foreach (var entry in _order)
        {
            var leaders = entry.Member.DirectLeaders;
            if (leaders.Count == 0 || !leaders.Contains(userId, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            entry.Member = entry.Member with
            {
                DirectLeaders = replacement is null
                    ? [.. leaders.Where(l => !string.Equals(l, userId, StringComparison.OrdinalIgnoreCase))]
                    : [.. leaders.Select(l => string.Equals(l, userId, StringComparison.OrdinalIgnoreCase) ? replacement : l)],
            };
        }
    }

    private MemberEntry RequireMember(string userId) =>
        _members.GetValueOrDefault(userId) ?? throw WeComSimulatorException.Of(WeComErrors.UserIdNotFound, $"no member '{userId}'");

    private SimulatedDepartment RequireDepartment(int id) =>
        _departments.GetValueOrDefault(id) ?? throw WeComSimulatorException.Of(WeComErrors.DepartmentNotFound, $"no department {id}");

    private List<AppScope> CallbackScopes()
    {
        var scopes = new List<AppScope>();
        foreach (var agentId in _appOrder)
        {
            if (_apps[agentId].Callback is not null)
            {
                scopes.Add(ScopeFor(agentId));
            }
        }

        return scopes;
    }

    private SimulatedChange Publish(string changeType, List<(SimulatedApp, ContactEvent)> events)
    {
        if (events.Count == 0 || _sink is null)
        {
            return new SimulatedChange(changeType, []);
        }

        return new SimulatedChange(changeType, _sink.Publish(this, events));
    }
}
