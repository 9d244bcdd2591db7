using System.Diagnostics;
using Grid.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Grid.Host.Storage;

/// <summary>
/// The statements of <see cref="PostgresGrainStorage"/>: one per batch, retried a few times with a short backoff when
/// PostgreSQL refuses for a passing reason (too many connections, starting up, serialization failure or deadlock, a
/// connection that failed or timed out). A write whose commit was lost with its connection is retried too; it then
/// finds its own new version and reports a conflict, which Orleans answers by reading the row again.
/// </summary>
internal sealed class GrainStateStatements(NpgsqlDataSource dataSource, string serviceId, ILogger logger)
{
    internal const int Attempts = 5;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);

    private const string ReadSql = """
        SELECT i.ord, s.version, s.payload
        FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS i(state_name, grain_id, ord)
        JOIN grid_grain_state s ON s.service_id = $1 AND s.state_name = i.state_name AND s.grain_id = i.grain_id
        """;

    // Every grain appears once per statement (WriteAsync splits repeats off), so the join back to the input is exact.
    // A grain whose ord comes back in neither branch did not hold the expected version: a conflict.
    private const string WriteSql = """
        WITH input AS (
          SELECT * FROM unnest($2::text[], $3::text[], $4::integer[], $5::bytea[])
            WITH ORDINALITY AS i(state_name, grain_id, expected, payload, ord)
        ), updated AS (
          UPDATE grid_grain_state s
             SET payload = i.payload,
                 version = CASE WHEN s.version = 2147483647 THEN 1 ELSE s.version + 1 END,
                 modified_at = now()
            FROM input i
           WHERE i.expected IS NOT NULL
             AND s.service_id = $1 AND s.state_name = i.state_name AND s.grain_id = i.grain_id
             AND s.version = i.expected
          RETURNING i.ord, s.version
        ), inserted AS (
          INSERT INTO grid_grain_state (service_id, state_name, grain_id, version, payload)
          SELECT $1, state_name, grain_id, 1, payload FROM input WHERE expected IS NULL ORDER BY ord
          ON CONFLICT DO NOTHING
          RETURNING state_name, grain_id, version
        )
        SELECT ord, version FROM updated
        UNION ALL
        SELECT i.ord, ins.version FROM inserted ins JOIN input i USING (state_name, grain_id)
        """;

    public Task<IReadOnlyList<StoredGrainState?>> ReadAsync(IReadOnlyList<GrainStateKey> keys) =>
        RunAsync("read", keys.Count, async () =>
        {
            await using var command = dataSource.CreateCommand(ReadSql);
            command.Parameters.Add(new() { Value = serviceId });
            command.Parameters.Add(new() { Value = keys.Select(k => k.StateName).ToArray() });
            command.Parameters.Add(new() { Value = keys.Select(k => k.GrainId).ToArray() });
            var found = new StoredGrainState?[keys.Count];
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var payload = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2);
                found[reader.GetInt64(0) - 1] = new StoredGrainState(reader.GetInt32(1), payload);
            }

            return (IReadOnlyList<StoredGrainState?>)found;
        });

    public async Task<IReadOnlyList<int?>> WriteAsync(IReadOnlyList<GrainStateWrite> writes)
    {
        // Two writes of one grain in a batch (two activations racing) go out in order, in separate statements, so that
        // the second sees the first's row and conflicts as it would have alone.
        var results = new int?[writes.Count];
        var remaining = Enumerable.Range(0, writes.Count).ToList();
        while (remaining.Count > 0)
        {
            var seen = new HashSet<GrainStateKey>();
            var round = remaining.Where(i => seen.Add(writes[i].Key)).ToList();
            remaining = [.. remaining.Except(round)];
            var written = await WriteRoundAsync([.. round.Select(i => writes[i])]);
            for (var i = 0; i < round.Count; i++)
            {
                results[round[i]] = written[i];
            }
        }

        return results;
    }

    private Task<int?[]> WriteRoundAsync(GrainStateWrite[] writes) =>
        RunAsync("write", writes.Length, async () =>
        {
            await using var command = dataSource.CreateCommand(WriteSql);
            command.Parameters.Add(new() { Value = serviceId });
            command.Parameters.Add(new() { Value = writes.Select(w => w.StateName).ToArray() });
            command.Parameters.Add(new() { Value = writes.Select(w => w.GrainId).ToArray() });
            command.Parameters.Add(new() { Value = writes.Select(w => w.ExpectedVersion).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            command.Parameters.Add(new() { Value = writes.Select(w => w.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            var written = new int?[writes.Length];
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                written[reader.GetInt64(0) - 1] = reader.GetInt32(1);
            }

            return written;
        });

    private async Task<T> RunAsync<T>(string operation, int states, Func<Task<T>> statement)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = await statement();
                GrainStorageMetrics.Statement(operation, states, Stopwatch.GetElapsedTime(started));
                return result;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                var reason = Reason(ex);
                var transient = IsTransient(ex);
                if (!transient || attempt == Attempts)
                {
                    GrainStorageLog.Failed(logger, ex, operation, attempt, reason);
                    throw new GridStorageException(
                        $"Grain storage {operation} of {states} state(s) failed after {attempt} attempt(s): {Describe(ex)}",
                        (ex as PostgresException)?.SqlState,
                        attempt,
                        transient);
                }

                var delay = FirstBackoff * Math.Pow(2, attempt - 1) * (0.75 + (Random.Shared.NextDouble() / 2));
                GrainStorageLog.Retrying(logger, operation, reason, attempt, Attempts, (int)delay.TotalMilliseconds);
                GrainStorageMetrics.Retried(operation, reason);
                await Task.Delay(delay);
            }
        }
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => exception is TimeoutException,
    };

    private static string Reason(Exception exception) => exception is PostgresException pg ? pg.SqlState : "connection";

    // The server's message text without its detail (which may quote row values), or the driver's own message.
    private static string Describe(Exception exception) => exception switch
    {
        PostgresException pg => $"{pg.SqlState} {pg.MessageText}",
        { InnerException: { } inner } => $"{exception.Message} ({inner.Message})",
        _ => exception.Message,
    };
}
