// Over 400 lines on purpose: the indexes, the load and the *Locked helpers every part (Queries, Mutations) uses stay beside the fields _gate guards.
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Grid.WeCom.Simulator.Api;

namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// A simulated WeCom company (企业): its departments, members and self-built apps, indexed for serving large
/// directories, and thread-safe. Read it freely; change it only through its mutation methods, which apply the change
/// the way WeCom would (same validations and errcodes) and queue the matching change_contact callbacks.
/// </summary>
public sealed partial class SimulatedCompany
{
    /// <summary>The root department's id.</summary>
    public const int RootDepartmentId = 1;

    /// <summary>WeCom's maximum department depth, the root counting as level 1.</summary>
    public const int MaxDepth = 15;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, SimulatedDepartment> _departments = [];
    private readonly Dictionary<int, List<int>> _children = [];
    private readonly Dictionary<string, MemberEntry> _members = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<MemberEntry> _order = [];
    private readonly Dictionary<int, List<MemberEntry>> _byDepartment = [];
    private readonly Dictionary<string, string> _mobiles = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SimulatedApp> _apps = [];
    private readonly List<int> _appOrder = [];
    private readonly Dictionary<int, AppScope> _scopes = [];
    private long _nextSequence = 1;
    private int _treeVersion;
    private IContactChangeSink? _sink;

    /// <summary>Builds a company, validating it as WeCom would (root department 1, parents exist, depth ≤ 15,
    /// unique case-insensitive userids, members in existing departments, unique mobiles, apps with scopes that exist).</summary>
    public SimulatedCompany(
        string corpId,
        string name,
        IEnumerable<SimulatedDepartment> departments,
        IEnumerable<SimulatedMember> members,
        IEnumerable<SimulatedApp> apps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(corpId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(apps);
        CorpId = corpId;
        Name = name;
        CursorKey = SHA256.HashData(Encoding.UTF8.GetBytes("grid-simulator-cursor:" + corpId));
        LoadDepartments(departments);
        foreach (var member in members)
        {
            InsertMember(ValidateMember(member, existing: null));
        }

        foreach (var app in apps)
        {
            AddAppLocked(app);
        }
    }

    /// <summary>The corp id (企业ID), <c>appid</c> of OAuth and QR login.</summary>
    public string CorpId { get; }

    /// <summary>The company's name, also the root department's name.</summary>
    public string Name { get; }

    internal byte[] CursorKey { get; }

    public int MemberCount
    {
        get
        {
            lock (_gate)
            {
                return _members.Count;
            }
        }
    }

    public int DepartmentCount
    {
        get
        {
            lock (_gate)
            {
                return _departments.Count;
            }
        }
    }

    /// <summary>A snapshot of every member, in creation order.</summary>
    public IReadOnlyList<SimulatedMember> Members
    {
        get
        {
            lock (_gate)
            {
                return [.. _order.Select(entry => entry.Member)];
            }
        }
    }

    /// <summary>A snapshot of every department, ordered by id.</summary>
    public IReadOnlyList<SimulatedDepartment> Departments
    {
        get
        {
            lock (_gate)
            {
                return [.. _departments.Values.OrderBy(department => department.Id)];
            }
        }
    }

    /// <summary>The apps, in the order they were added.</summary>
    public IReadOnlyList<SimulatedApp> Apps
    {
        get
        {
            lock (_gate)
            {
                return [.. _appOrder.Select(agentId => _apps[agentId])];
            }
        }
    }

    /// <summary>The first app added: the one a generated demo company is served with.</summary>
    public SimulatedApp DefaultApp
    {
        get
        {
            lock (_gate)
            {
                return _appOrder.Count > 0 ? _apps[_appOrder[0]] : throw new InvalidOperationException($"Company {CorpId} has no app.");
            }
        }
    }

    /// <summary>The member with this userid (compared case-insensitively), or null.</summary>
    public SimulatedMember? FindMember(string userId)
    {
        lock (_gate)
        {
            return _members.TryGetValue(userId, out var entry) ? entry.Member : null;
        }
    }

    public SimulatedDepartment? FindDepartment(int id)
    {
        lock (_gate)
        {
            return _departments.GetValueOrDefault(id);
        }
    }

    /// <summary>The members directly in a department (not in its sub-departments), in creation order.</summary>
    public IReadOnlyList<SimulatedMember> MembersOf(int departmentId)
    {
        lock (_gate)
        {
            return _byDepartment.TryGetValue(departmentId, out var entries) ? [.. entries.Select(entry => entry.Member)] : [];
        }
    }

    /// <summary>The direct sub-departments of a department.</summary>
    public IReadOnlyList<SimulatedDepartment> ChildrenOf(int departmentId)
    {
        lock (_gate)
        {
            return _children.TryGetValue(departmentId, out var children) ? [.. children.Select(id => _departments[id])] : [];
        }
    }

    /// <summary>The userids of a department's leaders (members flagged as leading it).</summary>
    public IReadOnlyList<string> DepartmentLeaders(int departmentId)
    {
        lock (_gate)
        {
            return LeadersLocked(departmentId);
        }
    }

    /// <summary>Depth of a department, the root being 1; 0 when it does not exist.</summary>
    public int DepthOf(int departmentId)
    {
        lock (_gate)
        {
            return DepthLocked(departmentId);
        }
    }

    public SimulatedApp? FindApp(int agentId)
    {
        lock (_gate)
        {
            return _apps.GetValueOrDefault(agentId);
        }
    }

    /// <summary>The app with this agent id; throws 40056 when there is none.</summary>
    public SimulatedApp App(int agentId) =>
        FindApp(agentId) ?? throw WeComSimulatorException.Of(WeComErrors.InvalidAgentId, $"no app {agentId} in {CorpId}");

    /// <summary>True when the member exists and is in the app's visible scope.</summary>
    public bool IsVisibleTo(int agentId, string userId)
    {
        lock (_gate)
        {
            return _apps.ContainsKey(agentId) && _members.TryGetValue(userId, out var entry) && ScopeFor(agentId).SeesMember(entry.Member);
        }
    }

    /// <summary>True when the department exists and is in the app's visible scope.</summary>
    public bool IsDepartmentVisibleTo(int agentId, int departmentId)
    {
        lock (_gate)
        {
            return _apps.ContainsKey(agentId) && _departments.ContainsKey(departmentId) && ScopeFor(agentId).SeesDepartment(departmentId);
        }
    }

    internal void Attach(IContactChangeSink sink)
    {
        lock (_gate)
        {
            if (_sink is not null && !ReferenceEquals(_sink, sink))
            {
                throw new InvalidOperationException($"Company {CorpId} is already served by another simulator.");
            }

            _sink = sink;
        }
    }

    internal void Detach(IContactChangeSink sink)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_sink, sink))
            {
                _sink = null;
            }
        }
    }

    public override string ToString() => $"SimulatedCompany {{ CorpId = {CorpId}, Name = {Name} }}";

    private void LoadDepartments(IEnumerable<SimulatedDepartment> departments)
    {
        foreach (var department in departments)
        {
            ValidateDepartmentFields(department);
            if (!_departments.TryAdd(department.Id, department))
            {
                throw WeComSimulatorException.Of(WeComErrors.DepartmentExists, $"department {department.Id} is listed twice");
            }
        }

        if (!_departments.TryGetValue(RootDepartmentId, out var root) || root.ParentId != 0)
        {
            throw WeComSimulatorException.Of(WeComErrors.DepartmentNotFound, "the root department 1 with parent 0 is required");
        }

        foreach (var department in _departments.Values.OrderBy(d => d.Id))
        {
            if (department.Id == RootDepartmentId)
            {
                continue;
            }

            if (department.Id <= RootDepartmentId)
            {
                throw WeComSimulatorException.Of(WeComErrors.InvalidDepartmentId, $"department id {department.Id} must be greater than 1");
            }

            if (!_departments.ContainsKey(department.ParentId))
            {
                throw WeComSimulatorException.Of(WeComErrors.ParentDepartmentNotFound, $"department {department.Id} has unknown parent {department.ParentId}");
            }

            ChildList(department.ParentId).Add(department.Id);
        }

        var depths = new Dictionary<int, int> { [RootDepartmentId] = 1 };
        foreach (var id in _departments.Keys)
        {
            var depth = ResolveDepth(id, depths);
            if (depth > MaxDepth)
            {
                throw WeComSimulatorException.Of(WeComErrors.InvalidParameter, $"department {id} is at depth {depth}, deeper than {MaxDepth}");
            }
        }

        foreach (var (parent, children) in _children)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var child in children)
            {
                if (!names.Add(_departments[child].Name))
                {
                    throw WeComSimulatorException.Of(WeComErrors.DepartmentExists, $"department {parent} has two children named {_departments[child].Name}");
                }
            }
        }

        _treeVersion++;
    }

    private int ResolveDepth(int id, Dictionary<int, int> depths)
    {
        var path = new List<int>();
        var current = id;
        while (!depths.ContainsKey(current))
        {
            if (path.Count > _departments.Count)
            {
                throw WeComSimulatorException.Of(WeComErrors.DepartmentCycle, $"department {id} is in a parent cycle");
            }

            path.Add(current);
            current = _departments[current].ParentId;
        }

        var depth = depths[current];
        for (var i = path.Count - 1; i >= 0; i--)
        {
            depth++;
            depths[path[i]] = depth;
        }

        return depths[id];
    }

    private List<int> ChildList(int parentId)
    {
        if (!_children.TryGetValue(parentId, out var list))
        {
            list = [];
            _children[parentId] = list;
        }

        return list;
    }

    private int DepthLocked(int departmentId)
    {
        var depth = 0;
        var current = departmentId;
        while (current != 0 && _departments.TryGetValue(current, out var department))
        {
            depth++;
            current = department.ParentId;
        }

        return depth;
    }

    private List<string> LeadersLocked(int departmentId)
    {
        var leaders = new List<string>();
        if (!_byDepartment.TryGetValue(departmentId, out var entries))
        {
            return leaders;
        }

        foreach (var entry in entries)
        {
            var member = entry.Member;
            for (var i = 0; i < member.Departments.Count; i++)
            {
                if (member.Departments[i] == departmentId && member.IsLeaderAt(i) == 1)
                {
                    leaders.Add(member.UserId);
                    break;
                }
            }
        }

        return leaders;
    }

    private static void ValidateDepartmentFields(SimulatedDepartment department)
    {
        if (string.IsNullOrEmpty(department.Name) || department.Name.Length > 32)
        {
            throw WeComSimulatorException.Of(WeComErrors.DepartmentNameLength, $"department {department.Id} name must be 1-32 characters");
        }

        if (department.Name.AsSpan().IndexOfAny("\\:*?\"<>|") >= 0)
        {
            throw WeComSimulatorException.Of(WeComErrors.DepartmentNameInvalid, $"department {department.Id} name contains one of \\:*?\"<>|");
        }

        if (department.Order is < 0 or > uint.MaxValue)
        {
            throw WeComSimulatorException.Of(WeComErrors.InvalidParameter, $"department {department.Id} order must be in [0, 2^32)");
        }
    }

    private SimulatedMember ValidateMember(SimulatedMember member, MemberEntry? existing)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!UserIdPattern().IsMatch(member.UserId))
        {
            throw WeComSimulatorException.Of(WeComErrors.InvalidUserId, $"userid '{member.UserId}' must be 1-64 letters, digits or _-@. starting with a letter or digit");
        }

        if (existing is null && _members.ContainsKey(member.UserId))
        {
            throw WeComSimulatorException.Of(WeComErrors.UserIdExists, $"userid '{member.UserId}' exists (userids are compared case-insensitively)");
        }

        if (string.IsNullOrWhiteSpace(member.Name) || member.Name.Length > 64)
        {
            throw WeComSimulatorException.Of(WeComErrors.InvalidName, $"member '{member.UserId}' name must be 1-64 characters");
        }

        if (member.Departments.Count == 0 || HasDuplicates(member.Departments))
        {
            throw WeComSimulatorException.Of(WeComErrors.InvalidDepartmentList, $"member '{member.UserId}' needs at least one department, each once");
        }

        foreach (var department in member.Departments)
        {
            if (!_departments.ContainsKey(department))
            {
                throw WeComSimulatorException.Of(WeComErrors.InvalidDepartmentList, $"member '{member.UserId}' is in unknown department {department}");
            }
        }

        if ((member.Orders.Count != 0 && member.Orders.Count != member.Departments.Count)
            || (member.IsLeaderInDept.Count != 0 && member.IsLeaderInDept.Count != member.Departments.Count))
        {
            throw WeComSimulatorException.Of(WeComErrors.InvalidParameter, $"member '{member.UserId}' orders and leader flags must align with its departments");
        }

        if (member.MainDepartment != 0 && !member.Departments.Contains(member.MainDepartment))
        {
            throw WeComSimulatorException.Of(WeComErrors.InvalidParameter, $"member '{member.UserId}' main department {member.MainDepartment} is not one of its departments");
        }

        if (member.DirectLeaders.Count > 5)
        {
            throw WeComSimulatorException.Of(WeComErrors.InvalidParameter, $"member '{member.UserId}' has more than five direct leaders");
        }

        if (member.Mobile.Length > 0 && _mobiles.TryGetValue(member.Mobile, out var owner)
            && !string.Equals(owner, existing?.Member.UserId, StringComparison.OrdinalIgnoreCase))
        {
            throw WeComSimulatorException.Of(WeComErrors.MobileExists, $"mobile of member '{member.UserId}' belongs to another member");
        }

        return member;
    }

    private static bool HasDuplicates(IReadOnlyList<int> departments)
    {
        for (var i = 1; i < departments.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (departments[i] == departments[j])
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void InsertMember(SimulatedMember member)
    {
        var entry = new MemberEntry(_nextSequence++, member);
        _members.Add(member.UserId, entry);
        _order.Add(entry);
        foreach (var department in member.Departments)
        {
            DepartmentEntries(department).Add(entry);
        }

        if (member.Mobile.Length > 0)
        {
            _mobiles[member.Mobile] = member.UserId;
        }
    }

    private List<MemberEntry> DepartmentEntries(int departmentId)
    {
        if (!_byDepartment.TryGetValue(departmentId, out var list))
        {
            list = [];
            _byDepartment[departmentId] = list;
        }

        return list;
    }

    private AppScope ScopeFor(int agentId)
    {
        var app = _apps[agentId];
        if (_scopes.TryGetValue(agentId, out var cached) && cached.TreeVersion == _treeVersion && ReferenceEquals(cached.App, app))
        {
            return cached;
        }

        var departments = new HashSet<int>();
        var pending = new Stack<int>();
        foreach (var id in app.VisibleDepartments)
        {
            if (_departments.ContainsKey(id))
            {
                pending.Push(id);
            }
        }

        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!departments.Add(id) || !_children.TryGetValue(id, out var children))
            {
                continue;
            }

            foreach (var child in children)
            {
                pending.Push(child);
            }
        }

        var scope = new AppScope(app, _treeVersion, departments, new HashSet<string>(app.VisibleUsers, StringComparer.OrdinalIgnoreCase));
        _scopes[agentId] = scope;
        return scope;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_\\-@.]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();

    /// <summary>A member and its position in user/list_id's stable order (creation order, kept across updates).</summary>
    private sealed class MemberEntry(long sequence, SimulatedMember member)
    {
        public long Sequence { get; } = sequence;

        public SimulatedMember Member { get; set; } = member;

        public bool UserIdChanged { get; set; }
    }
}
