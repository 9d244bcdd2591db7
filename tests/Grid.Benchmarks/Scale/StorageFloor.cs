using System.Diagnostics;
using Npgsql;

namespace Grid.Benchmarks.Scale;

/// <summary>
/// The storage floor: as many single-row grain-state upserts as the run wrote, made directly with Npgsql against the
/// same table and key (one prepared statement and one implicit transaction each, as Orleans' ADO.NET provider wrote), with payloads
/// of the run's mean size, from as many connections as a silo's pool holds. Its rows belong to a service id of their
/// own and are deleted afterwards.
/// </summary>
internal static class StorageFloor
{
    private const string Upsert = """
        INSERT INTO grid_grain_state (service_id, state_name, grain_id, version, payload)
        VALUES ($1, 'floor', $2, 1, $3)
        ON CONFLICT (service_id, state_name, grain_id)
        DO UPDATE SET payload = EXCLUDED.payload, version = grid_grain_state.version + 1, modified_at = now()
        """;

    /// <param name="dataSource">The benchmark's database.</param>
    /// <param name="writes">Upserts to make.</param>
    /// <param name="distinctRows">Rows they spread over (the run's row count: the rest are updates of these).</param>
    /// <param name="payloadBytes">Size of each payload.</param>
    /// <param name="concurrency">Connections writing at once.</param>
    public static async Task<TimeSpan> MeasureAsync(NpgsqlDataSource dataSource, long writes, long distinctRows, int payloadBytes, int concurrency)
    {
        var serviceId = "floor-" + Guid.NewGuid().ToString("N")[..12];
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var next = -1L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(Upsert, connection);
            var key = new NpgsqlParameter<string>();
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
            command.Parameters.Add(key);
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
            await command.PrepareAsync();
            long i;
            while ((i = Interlocked.Increment(ref next)) < writes)
            {
                var row = i % Math.Max(1, distinctRows);
                key.TypedValue = "floor/" + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await command.ExecuteNonQueryAsync();
            }
        }));
        var elapsed = clock.Elapsed;
        await using var delete = dataSource.CreateCommand("DELETE FROM grid_grain_state WHERE service_id = $1");
        delete.Parameters.AddWithValue(serviceId);
        await delete.ExecuteNonQueryAsync();
        return elapsed;
    }
}
