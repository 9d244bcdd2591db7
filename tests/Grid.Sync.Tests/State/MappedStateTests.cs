using Grid.Abstractions.Directory;
using Grid.Sync.Sources;
using Grid.Sync.State;

namespace Grid.Sync.Tests.State;

public sealed class MappedStateTests
{
    private static readonly MappedMember Entry = new("account-1", default, default, ["org-1"], AccountStatus.Active);

    [Fact]
    public void Members_AreLookedUpWithoutRegardToCase()
    {
        var state = new MappedState([], [new("ZhangSan", Entry)]);

        Assert.Same(Entry, state.Members["zhangsan"]);
    }

    [Fact]
    public void Constructor_WhenAUseridRepeatsInAnotherCase_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new MappedState([], [new("ZhangSan", Entry), new("zhangsan", Entry)]));

        Assert.StartsWith("Userid 'zhangsan' appears twice in the mapped state (userids ignore case).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenADepartmentRepeats_Throws()
    {
        var department = new MappedDepartment("org-1", null, "node", "Corp", default(ContentHash), default);

        Assert.Throws<ArgumentException>(() => new MappedState([new(1, department), new(1, department)], []));
    }
}
