using Grid.Host.Tests.Infrastructure;

namespace Grid.Host.Tests.Persistence;

/// <summary>Reads and tampers with orleans_grain_state (deploy/sql/postgresql/020-persistence.sql) directly.</summary>
public static class GrainStateTable
{
    private const string Match =
        "service_id = @service AND grain_type = @state AND grain_id_n1 = @n1 AND grain_id_ext IS NOT DISTINCT FROM @key";

    /// <summary>The rows of one grain's state: a string key, or an integer key without a key string.</summary>
    public static Task<List<GrainStateRow>> ReadAsync(string serviceId, string stateName, string? key, long n1 = 0) =>
        TestPostgres.QueryAsync(
            $"SELECT grain_type, grain_id_n0, grain_id_n1, grain_id_ext, version, payload IS NOT NULL FROM orleans_grain_state WHERE {Match}",
            row => new GrainStateRow(
                row.GetString(0), row.GetInt64(1), row.GetInt64(2), row.IsDBNull(3) ? null : row.GetString(3), row.GetInt32(4), row.GetBoolean(5)),
            Parameters(serviceId, stateName, key, n1));

    /// <summary>Moves the stored version on, as a writer the grain does not know of would.</summary>
    public static Task<int> BumpVersionAsync(string serviceId, string stateName, string? key, long n1 = 0) =>
        TestPostgres.ExecuteAsync($"UPDATE orleans_grain_state SET version = version + 1 WHERE {Match}", Parameters(serviceId, stateName, key, n1));

    private static (string, object?)[] Parameters(string serviceId, string stateName, string? key, long n1) =>
        [("service", serviceId), ("state", stateName), ("key", key), ("n1", n1)];
}
