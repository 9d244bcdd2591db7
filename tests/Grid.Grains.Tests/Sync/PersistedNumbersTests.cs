using System.Reflection;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Grains.Connectors;
using Grid.Grains.Directory;
using Grid.Grains.Sync;

namespace Grid.Grains.Tests.Sync;

/// <summary>
/// Grain state stores these enums as numbers under these member ids: renumbering either would silently change what
/// every stored connector, account and roster entry means. Grid.Sync plans with the same enums, so they are pinned once.
/// </summary>
public sealed class PersistedNumbersTests
{
    [Fact]
    public void UserIdChangeMode_KeepsTheNumbersConnectorStateStores()
    {
        Assert.Equal(
            [(UserIdChangeMode.Rebind, 1), (UserIdChangeMode.Recreate, 2)],
            Enum.GetValues<UserIdChangeMode>().Select(mode => (mode, (int)mode)));
    }

    [Fact]
    public void AccountStatus_KeepsTheNumbersAccountAndRosterStateStore()
    {
        Assert.Equal(
            [(AccountStatus.Active, 1), (AccountStatus.Disabled, 2), (AccountStatus.NotActivated, 3), (AccountStatus.Deleted, 4)],
            Enum.GetValues<AccountStatus>().Select(status => (status, (int)status)));
    }

    [Theory]
    [InlineData(typeof(WeComConnectorState), nameof(WeComConnectorState.MatchRule), 15u)]
    [InlineData(typeof(WeComConnectorState), nameof(WeComConnectorState.FieldMappings), 16u)]
    [InlineData(typeof(WeComConnectorState), nameof(WeComConnectorState.UserIdChangeMode), 17u)]
    [InlineData(typeof(AccountState), nameof(AccountState.Status), 2u)]
    [InlineData(typeof(AccountState), nameof(AccountState.PersonalEmailProposed), 10u)]
    [InlineData(typeof(RosterMember), nameof(RosterMember.Status), 5u)]
    public void StateMembers_KeepTheirSerializationIds(Type stateType, string member, uint id)
    {
        var property = stateType.GetProperty(member) ?? throw new InvalidOperationException($"{stateType.Name} has no {member}");
        Assert.Equal(id, property.GetCustomAttribute<IdAttribute>()?.Id);
    }
}
