using Grid.Sync.Planning;
using Grid.Sync.Planning.Steps;
using Grid.Sync.State;

namespace Grid.Sync.Tests.Support;

/// <summary>
/// Applies a plan the way the coordinator grain will: batch after batch, the steps of a batch in any order (shuffled
/// here, to prove they do not depend on one another), recording each step's result in the mapped state and
/// applying it to a <see cref="FakePlatform"/>.
/// </summary>
internal sealed class TestApplier
{
    private readonly Dictionary<long, MappedDepartment> _departments;
    private readonly Dictionary<string, MappedMember> _members;

    public TestApplier(string syncNode)
        : this(MappedState.Empty, new FakePlatform(syncNode))
    {
    }

    public TestApplier(MappedState state, FakePlatform platform)
    {
        _departments = new Dictionary<long, MappedDepartment>(state.Departments);
        _members = new Dictionary<string, MappedMember>(state.Members, StringComparer.OrdinalIgnoreCase);
        Platform = platform;
    }

    public FakePlatform Platform { get; }

    public MappedState State => new(_departments, _members);

    public void Apply(SyncPlan plan, Random? shuffle = null)
    {
        foreach (var batch in plan.Batches)
        {
            var steps = batch.Steps.ToArray();
            shuffle?.Shuffle(steps);
            foreach (var step in steps)
            {
                Platform.Apply(step);
                Record(step);
            }
        }
    }

    private void Record(SyncStep step)
    {
        switch (step)
        {
            case DepartmentStep department:
                if (department.Result is { } result)
                {
                    _departments[department.DepartmentId] = result;
                }
                else
                {
                    _departments.Remove(department.DepartmentId);
                }

                break;
            case MemberStep member:
                if (member.PreviousUserId is { } previous)
                {
                    _members.Remove(previous);
                }

                _members.Remove(member.UserId);
                if (member.Result is not null)
                {
                    _members[member.UserId] = member.Result;
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown step {step}");
        }
    }
}
