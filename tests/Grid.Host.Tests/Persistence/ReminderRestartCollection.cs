namespace Grid.Host.Tests.Persistence;

/// <summary>Runs alone, like <see cref="StorageCollection"/>; its test starts and stops its own clusters.</summary>
[CollectionDefinition(ReminderRestartTests.Name, DisableParallelization = true)]
public sealed class ReminderRestartCollection;
