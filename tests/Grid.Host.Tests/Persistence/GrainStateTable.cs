using Grid.Host.Tests.Infrastructure;

namespace Grid.Host.Tests.Persistence;

/// <summary>Reads and tampers with grid_grain_state (deploy/sql/postgresql/020-persistence.sql) directly.</summary>
public static class GrainStateTable
{
    private const string Match = "service_id = @service AND state_name = @state AND grain_id = @grain";

    /// <summary>The rows of one grain's state (at most one: the table's key).</summary>
    public static Task<List<GrainStateRow>> ReadAsync(string serviceId, string stateName, GrainId grainId) =>
        TestPostgres.QueryAsync(
            $"SELECT state_name, grain_id, version, payload IS NOT NULL FROM grid_grain_state WHERE {Match}",
            row => new GrainStateRow(row.GetString(0), row.GetString(1), row.GetInt32(2), row.GetBoolean(3)),
            Parameters(serviceId, stateName, grainId));

    /// <summary>Moves the stored version on, as a writer the grain does not know of would.</summary>
    public static Task<int> BumpVersionAsync(string serviceId, string stateName, GrainId grainId) =>
        TestPostgres.ExecuteAsync($"UPDATE grid_grain_state SET version = version + 1 WHERE {Match}", Parameters(serviceId, stateName, grainId));

    /// <summary>Sets the stored version (the row is otherwise unchanged).</summary>
    public static Task<int> SetVersionAsync(string serviceId, string stateName, GrainId grainId, int version) =>
        TestPostgres.ExecuteAsync(
            $"UPDATE grid_grain_state SET version = @version WHERE {Match}",
            [.. Parameters(serviceId, stateName, grainId), ("version", version)]);

    private static (string, object?)[] Parameters(string serviceId, string stateName, GrainId grainId) =>
        [("service", serviceId), ("state", stateName), ("grain", grainId.ToString())];
}
