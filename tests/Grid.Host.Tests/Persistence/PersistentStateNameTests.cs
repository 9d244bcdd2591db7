using System.Reflection;

namespace Grid.Host.Tests.Persistence;

public sealed class PersistentStateNameTests
{
    [Fact]
    public void GridGrains_EachPersistedStateNameBelongsToOneGrainClass()
    {
        // The ADO.NET provider keys rows by (service id, state name, grain key) without the grain type, so two grain
        // classes with the same state name and the same key would overwrite each other's state in PostgreSQL
        // (GrainStorageTests.TwoGrainTypes_WithTheSameKeyAndStateName_ShareOneRow).
        var grains = Assembly.Load("Grid.Grains");
        var states =
            from type in grains.GetTypes()
            where type.IsClass && !type.IsAbstract && typeof(Grain).IsAssignableFrom(type)
            from constructor in type.GetConstructors()
            from parameter in constructor.GetParameters()
            let attribute = parameter.GetCustomAttribute<PersistentStateAttribute>()
            where attribute is not null
            select (Storage: attribute.StorageName ?? "Default", State: attribute.StateName, Grain: type.FullName);

        var shared = states
            .Distinct()
            .GroupBy(state => (state.Storage, state.State))
            .Where(group => group.Count() > 1)
            .Select(group => $"state '{group.Key.State}' in storage '{group.Key.Storage}': {string.Join(", ", group.Select(state => state.Grain))}")
            .ToList();

        Assert.True(shared.Count == 0, "Give each grain class its own state names. Shared: " + string.Join("; ", shared));
    }
}
