using System.Globalization;
using Grid.Abstractions;
using Grid.Sync.Mapping;
using Grid.Sync.Planning.Steps;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Sync.Planning;

/// <summary>The departments of a plan: organization creates, renames, moves, refreshes and deletes, by depth.</summary>
internal sealed partial class PlanBuilder
{
    private void PlanDepartments()
    {
        foreach (var department in _snapshot.Departments)
        {
            if (department is null)
            {
                throw new SyncPlanningException("The snapshot holds a null department.");
            }

            if (!_departments.TryAdd(department.Id, department))
            {
                throw new SyncPlanningException($"Department {department.Id} appears twice in the snapshot.");
            }
        }

        var depths = ComputeDepths();
        var ordered = _departments.Values.OrderBy(d => depths[d.Id]).ThenBy(d => d.Id).ToArray();

        // Every organization id first, so that a child can name a parent created in the same plan. An incremental
        // plan's departments may sit under mapped departments that are not in its snapshot.
        if (_scope is not null)
        {
            foreach (var (id, known) in _mapped.Departments)
            {
                _organizationIds[id] = known.OrganizationId;
            }
        }

        foreach (var department in ordered)
        {
            _organizationIds[department.Id] = _mapped.Departments.TryGetValue(department.Id, out var known)
                ? known.OrganizationId
                : NewId(GridKeys.OrganizationIdPrefix);
        }

        var targets = _mappings.OrganizationTargetNames;
        var nameIndex = Array.IndexOf(targets, NameTarget);
        var values = new string[targets.Length];
        foreach (var department in ordered)
        {
            PlanDepartment(department, depths[department.Id], targets, nameIndex, values);
        }

        Dictionary<long, int>? oldDepths = null;
        foreach (var (id, old) in _mapped.Departments)
        {
            if (!_departments.ContainsKey(id) && InScope(id))
            {
                oldDepths ??= new Dictionary<long, int>();
                _organizationDeletes.Add(new OrganizationDelete(id, old.OrganizationId, MappedDepth(id, oldDepths)));
            }
        }
    }

    private void PlanDepartment(SourceDepartment department, int depth, string[] targets, int nameIndex, string[] values)
    {
        var parent = EffectiveParent(department);
        var parentOrganization = parent is { } parentId ? _organizationIds[parentId] : _settings.SyncNode;
        _mappings.Evaluate(department, values);
        if (string.IsNullOrWhiteSpace(values[nameIndex]))
        {
            // Skipping the department would orphan its children; an organization named by its id is easy to spot.
            values[nameIndex] = department.Id.ToString(CultureInfo.InvariantCulture);
            AddIssue(department, "the mapping gives no organization name; the department id is used instead");
        }

        var organizationId = _organizationIds[department.Id];
        var fieldsHash = _hasher.HashFields(targets, values);
        var result = new MappedDepartment(
            organizationId, parent, parentOrganization, values[nameIndex], _hasher.Hash(department), fieldsHash);
        if (!_mapped.Departments.TryGetValue(department.Id, out var old))
        {
            _organizationSteps.Add(new OrganizationCreate(
                department.Id, organizationId, depth, parentOrganization, new FieldValues(targets, [.. values]), result));
            return;
        }

        var fieldsChanged = old.FieldsHash != fieldsHash;
        var moved = !string.Equals(old.ParentOrganizationId, parentOrganization, StringComparison.Ordinal);
        if (fieldsChanged || moved)
        {
            _organizationSteps.Add(new OrganizationUpdate(
                department.Id,
                organizationId,
                depth,
                fieldsChanged ? new FieldValues(targets, [.. values]) : null,
                moved ? parentOrganization : null,
                result));
        }
        else if (old.SourceHash != result.SourceHash || old.ParentDepartmentId != parent)
        {
            _organizationSteps.Add(new DepartmentRefresh(department.Id, organizationId, depth, result));
        }
    }

    // A department hangs under the sync node when WeCom's parent is not visible (the root's parent is 0). In an
    // incremental plan a parent outside the snapshot is visible when it is mapped.
    private long? EffectiveParent(SourceDepartment department) =>
        department.ParentId != department.Id
        && (_departments.ContainsKey(department.ParentId) || (_scope is not null && _mapped.Departments.ContainsKey(department.ParentId)))
            ? department.ParentId
            : null;

    private Dictionary<long, int> ComputeDepths()
    {
        var depths = new Dictionary<long, int>(_departments.Count);
        var mappedDepths = new Dictionary<long, int>();
        var chain = new List<long>();
        foreach (var id in _departments.Keys)
        {
            chain.Clear();
            var current = id;
            int depth;
            while (true)
            {
                if (depths.TryGetValue(current, out depth))
                {
                    break;
                }

                chain.Add(current);
                if (chain.Count > _departments.Count)
                {
                    throw new SyncPlanningException($"The snapshot's departments form a cycle through department {current}.");
                }

                if (EffectiveParent(_departments[current]) is not { } parent)
                {
                    depth = 0;
                    break;
                }

                if (!_departments.ContainsKey(parent))
                {
                    // A mapped parent outside an incremental plan's snapshot: its depth as last applied.
                    depth = MappedDepth(parent, mappedDepths);
                    break;
                }

                current = parent;
            }

            for (var i = chain.Count - 1; i >= 0; i--)
            {
                depths[chain[i]] = ++depth;
            }
        }

        return depths;
    }

    // Depth in the tree as last applied: deletes run deepest first, so children go before their parents.
    private int MappedDepth(long id, Dictionary<long, int> depths)
    {
        if (depths.TryGetValue(id, out var known))
        {
            return known;
        }

        var chain = new List<long>();
        var current = id;
        int depth;
        while (true)
        {
            if (depths.TryGetValue(current, out depth))
            {
                break;
            }

            chain.Add(current);
            if (chain.Count > _mapped.Departments.Count)
            {
                throw new SyncPlanningException($"The mapped state's departments form a cycle through department {current}.");
            }

            if (_mapped.Departments[current].ParentDepartmentId is not { } parent || !_mapped.Departments.ContainsKey(parent))
            {
                depth = 0;
                break;
            }

            current = parent;
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            depths[chain[i]] = ++depth;
        }

        return depths[id];
    }
}
