using System.Diagnostics;
using Npgsql;

namespace Grid.Benchmarks.Scale;

/// <summary>
/// The storage floor: as many single-row grain-state upserts as the run wrote, made directly with Npgsql against the
/// same table and index (one prepared statement and one implicit transaction each, as the grain storage writes), with payloads
/// of the run's mean size, from as many connections as a silo's pool holds. Its rows belong to a service id of their
/// own and are deleted afterwards.
/// </summary>
internal static class StorageFloor
{
    private const string Upsert = """
        INSERT INTO orleans_grain_state
          (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_ext, version, payload)
        VALUES ($1, $2, 7, 0, 0, 'floor', $3, 1, $4)
        ON CONFLICT (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_ext)
        DO UPDATE SET payload = EXCLUDED.payload, version = orleans_grain_state.version + 1, modified_at = now()
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
            var hash = new NpgsqlParameter<int>();
            var key = new NpgsqlParameter<string>();
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
            command.Parameters.Add(hash);
            command.Parameters.Add(key);
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
            await command.PrepareAsync();
            long i;
            while ((i = Interlocked.Increment(ref next)) < writes)
            {
                var row = i % Math.Max(1, distinctRows);
                hash.TypedValue = (int)row;
                key.TypedValue = row.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await command.ExecuteNonQueryAsync();
            }
        }));
        var elapsed = clock.Elapsed;
        await using var delete = dataSource.CreateCommand("DELETE FROM orleans_grain_state WHERE service_id = $1");
        delete.Parameters.AddWithValue(serviceId);
        await delete.ExecuteNonQueryAsync();
        return elapsed;
    }
}
