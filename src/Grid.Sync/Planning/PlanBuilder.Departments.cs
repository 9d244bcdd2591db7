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
        foreach (var department in snapshot.Departments)
        {
            if (department is null)
            {
                throw new SyncPlanningException("The snapshot holds a null department.");
            }

            if (!departments.TryAdd(department.Id, department))
            {
                throw new SyncPlanningException($"Department {department.Id} appears twice in the snapshot.");
            }
        }

        var depths = ComputeDepths();
        var ordered = departments.Values.OrderBy(d => depths[d.Id]).ThenBy(d => d.Id).ToArray();

        // Every organization id first, so that a child can name a parent created in the same plan.
        foreach (var department in ordered)
        {
            organizationIds[department.Id] = mapped.Departments.TryGetValue(department.Id, out var known)
                ? known.OrganizationId
                : NewId(GridKeys.OrganizationIdPrefix);
        }

        var targets = mappings.OrganizationTargetNames;
        var nameIndex = Array.IndexOf(targets, NameTarget);
        var values = new string[targets.Length];
        foreach (var department in ordered)
        {
            PlanDepartment(department, depths[department.Id], targets, nameIndex, values);
        }

        Dictionary<long, int>? oldDepths = null;
        foreach (var (id, old) in mapped.Departments)
        {
            if (!departments.ContainsKey(id))
            {
                oldDepths ??= new Dictionary<long, int>();
                organizationDeletes.Add(new OrganizationDelete(id, old.OrganizationId, MappedDepth(id, oldDepths)));
            }
        }
    }

    private void PlanDepartment(SourceDepartment department, int depth, string[] targets, int nameIndex, string[] values)
    {
        var parent = EffectiveParent(department);
        var parentOrganization = parent is { } parentId ? organizationIds[parentId] : settings.SyncNode;
        mappings.Evaluate(department, values);
        if (string.IsNullOrWhiteSpace(values[nameIndex]))
        {
            // Skipping the department would orphan its children; an organization named by its id is easy to spot.
            values[nameIndex] = department.Id.ToString(CultureInfo.InvariantCulture);
            AddIssue(department, "the mapping gives no organization name; the department id is used instead");
        }

        var organizationId = organizationIds[department.Id];
        var fieldsHash = hasher.HashFields(targets, values);
        var result = new MappedDepartment(
            organizationId, parent, parentOrganization, values[nameIndex], hasher.Hash(department), fieldsHash);
        if (!mapped.Departments.TryGetValue(department.Id, out var old))
        {
            organizationSteps.Add(new OrganizationCreate(
                department.Id, organizationId, depth, parentOrganization, new FieldValues(targets, [.. values]), result));
            return;
        }

        var fieldsChanged = old.FieldsHash != fieldsHash;
        var moved = !string.Equals(old.ParentOrganizationId, parentOrganization, StringComparison.Ordinal);
        if (fieldsChanged || moved)
        {
            organizationSteps.Add(new OrganizationUpdate(
                department.Id,
                organizationId,
                depth,
                fieldsChanged ? new FieldValues(targets, [.. values]) : null,
                moved ? parentOrganization : null,
                result));
        }
        else if (old.SourceHash != result.SourceHash || old.ParentDepartmentId != parent)
        {
            organizationSteps.Add(new DepartmentRefresh(department.Id, organizationId, depth, result));
        }
    }

    // A department hangs under the sync node when WeCom's parent is not visible (the root's parent is 0).
    private long? EffectiveParent(SourceDepartment department) =>
        department.ParentId != department.Id && departments.ContainsKey(department.ParentId) ? department.ParentId : null;

    private Dictionary<long, int> ComputeDepths()
    {
        var depths = new Dictionary<long, int>(departments.Count);
        var chain = new List<long>();
        foreach (var id in departments.Keys)
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
                if (chain.Count > departments.Count)
                {
                    throw new SyncPlanningException($"The snapshot's departments form a cycle through department {current}.");
                }

                if (EffectiveParent(departments[current]) is not { } parent)
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
            if (chain.Count > mapped.Departments.Count)
            {
                throw new SyncPlanningException($"The mapped state's departments form a cycle through department {current}.");
            }

            if (mapped.Departments[current].ParentDepartmentId is not { } parent || !mapped.Departments.ContainsKey(parent))
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
