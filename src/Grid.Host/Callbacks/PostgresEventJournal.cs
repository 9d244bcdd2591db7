using System.Collections.Immutable;
using Grid.Abstractions.Events;
using Grid.Grains.Events;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;

namespace Grid.Host.Callbacks;

/// <summary>
/// The cluster profile's event journal: table <c>grid_wecom_event</c> (deploy/sql/postgresql/040-wecom-events.sql),
/// written with Npgsql through the silo's data source. Appends of concurrent callbacks are group-committed: one
/// multi-row <c>INSERT ... ON CONFLICT DO NOTHING</c> per batch, so the receiver's "durable before 200" costs one
/// round trip shared by every request in flight. Outcomes are batched the same way. Rows are keyed by the cluster's
/// ServiceId, as Orleans' own tables are.
/// </summary>
internal sealed class PostgresEventJournal : IEventJournal, IAsyncDisposable
{
    private const int MaxBatch = 512;

    private const string Columns =
        "id, tenant_id, connector_id, change_type, user_id, new_user_id, department_id, parent_id, corp_id, create_time, "
        + "received_at, status, attempts, next_attempt_at, error, finished_at, decided_by";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;
    private readonly GroupCommit<NewWeComEvent, JournalAppend> _appends;
    private readonly GroupCommit<WeComEventOutcome, bool> _outcomes;

    public PostgresEventJournal(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster)
    {
        _dataSource = dataSource;
        _serviceId = cluster.Value.ServiceId;
        _appends = new GroupCommit<NewWeComEvent, JournalAppend>(InsertAsync, MaxBatch);
        _outcomes = new GroupCommit<WeComEventOutcome, bool>(UpdateAsync, MaxBatch);
    }

    public Task<JournalAppend> AppendAsync(NewWeComEvent entry, CancellationToken cancellationToken) =>
        _appends.EnqueueAsync(entry, cancellationToken);

    public Task RecordAsync(WeComEventOutcome outcome, CancellationToken cancellationToken) =>
        _outcomes.EnqueueAsync(outcome, cancellationToken);

    public async Task<ImmutableArray<WeComEvent>> ReadUnfinishedAsync(
        string tenantId, string connectorId, long after, int max, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns} FROM grid_wecom_event WHERE service_id = $1 AND tenant_id = $2 AND connector_id = $3 "
            + "AND status IN (1, 5) AND id > $4 ORDER BY id LIMIT $5");
        command.Parameters.Add(new() { Value = _serviceId });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = connectorId });
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = max });
        return await ReadEventsAsync(command, cancellationToken);
    }

    public async Task<int> DecideHeldAsync(string tenantId, string connectorId, HeldEventDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await using var command = _dataSource.CreateCommand(
            "UPDATE grid_wecom_event SET status = $4, finished_at = $5, decided_by = $6 "
            + "WHERE service_id = $1 AND tenant_id = $2 AND connector_id = $3 AND status = 4 AND "
            + "(lower(user_id) = lower($7) OR lower(new_user_id) = lower($7) OR department_id = $8)");
        command.Parameters.Add(new() { Value = _serviceId });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = connectorId });
        command.Parameters.Add(new() { Value = (short)decision.Status });
        command.Parameters.Add(new() { Value = decision.At.ToUniversalTime() });
        command.Parameters.Add(new() { Value = decision.Actor });
        command.Parameters.Add(new() { Value = (object?)decision.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)decision.DepartmentId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<WeComEvent?> GetAsync(string tenantId, string connectorId, long id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns} FROM grid_wecom_event WHERE service_id = $1 AND tenant_id = $2 AND connector_id = $3 AND id = $4");
        command.Parameters.Add(new() { Value = _serviceId });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = connectorId });
        command.Parameters.Add(new() { Value = id });
        var events = await ReadEventsAsync(command, cancellationToken);
        return events.IsEmpty ? null : events[0];
    }

    public async Task<WeComEventPage> ListAsync(
        string tenantId, string connectorId, WeComEventStatus? status, long before, int max, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns} FROM grid_wecom_event WHERE service_id = $1 AND tenant_id = $2 AND connector_id = $3 "
            + "AND ($4 = 0 OR id < $4) AND ($5::smallint IS NULL OR status = $5) ORDER BY id DESC LIMIT $6");
        command.Parameters.Add(new() { Value = _serviceId });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = connectorId });
        command.Parameters.Add(new() { Value = before });
        command.Parameters.Add(new() { Value = status is { } s ? (short)s : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Smallint });
        command.Parameters.Add(new() { Value = max + 1 });
        var events = await ReadEventsAsync(command, cancellationToken);
        return events.Length > max ? new WeComEventPage(events[..max], events[max - 1].Id) : new WeComEventPage(events, 0);
    }

    public async Task<ImmutableArray<(string TenantId, string ConnectorId)>> ListConnectorsWithUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT DISTINCT tenant_id, connector_id FROM grid_wecom_event WHERE service_id = $1 AND status IN (1, 5)");
        command.Parameters.Add(new() { Value = _serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var connectors = ImmutableArray.CreateBuilder<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            connectors.Add((reader.GetString(0), reader.GetString(1)));
        }

        return connectors.ToImmutable();
    }

    public async Task<int> PurgeAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "DELETE FROM grid_wecom_event WHERE service_id = $1 AND status IN (2, 3, 4, 7, 8) AND finished_at < $2");
        command.Parameters.Add(new() { Value = _serviceId });
        command.Parameters.Add(new() { Value = finishedBefore.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _appends.DisposeAsync();
        await _outcomes.DisposeAsync();
    }

    private async Task<IReadOnlyList<JournalAppend>> InsertAsync(IReadOnlyList<NewWeComEvent> batch)
    {
        // A replay may arrive twice in one batch: send each key once, and let the later copies report "not new".
        var firstOf = new Dictionary<(string, string, string), int>();
        var unique = new List<NewWeComEvent>(batch.Count);
        foreach (var entry in batch)
        {
            if (firstOf.TryAdd((entry.TenantId, entry.ConnectorId, entry.DedupeKey), unique.Count))
            {
                unique.Add(entry);
            }
        }

        var stored = await InsertUniqueAsync(unique);
        var seen = new HashSet<int>();
        var results = new JournalAppend[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var index = firstOf[(batch[i].TenantId, batch[i].ConnectorId, batch[i].DedupeKey)];
            results[i] = seen.Add(index) ? stored[index] : stored[index] with { IsNew = false };
        }

        return results;
    }

    private async Task<JournalAppend[]> InsertUniqueAsync(List<NewWeComEvent> entries)
    {
        await using var command = _dataSource.CreateCommand("""
            WITH input AS (
              SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                                   $9::bigint[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::smallint[])
                WITH ORDINALITY AS i(tenant_id, connector_id, dedupe_key, change_type, user_id, new_user_id, department_id,
                                     parent_id, corp_id, create_time, received_at, status, ord)
            ), inserted AS (
              INSERT INTO grid_wecom_event (service_id, tenant_id, connector_id, dedupe_key, change_type, user_id, new_user_id,
                                            department_id, parent_id, corp_id, create_time, received_at, status, finished_at)
              SELECT $1, tenant_id, connector_id, dedupe_key, change_type, user_id, new_user_id, department_id, parent_id,
                     corp_id, create_time, received_at, status, CASE WHEN status = 1 THEN NULL ELSE received_at END
              FROM input ORDER BY ord
              ON CONFLICT (service_id, tenant_id, connector_id, dedupe_key) DO NOTHING
              RETURNING id, tenant_id, connector_id, dedupe_key
            )
            SELECT i.ord, ins.id, e.id, e.status
            FROM input i
            LEFT JOIN inserted ins USING (tenant_id, connector_id, dedupe_key)
            LEFT JOIN grid_wecom_event e
              ON e.service_id = $1 AND e.tenant_id = i.tenant_id AND e.connector_id = i.connector_id AND e.dedupe_key = i.dedupe_key
            ORDER BY i.ord
            """);
        command.Parameters.Add(new() { Value = _serviceId });
        Add(command, entries.Select(e => e.TenantId));
        Add(command, entries.Select(e => e.ConnectorId));
        Add(command, entries.Select(e => e.DedupeKey));
        Add(command, entries.Select(e => e.ChangeType));
        Add(command, entries.Select(e => e.UserId));
        Add(command, entries.Select(e => e.NewUserId));
        Add(command, entries.Select(e => e.DepartmentId));
        Add(command, entries.Select(e => e.ParentId));
        Add(command, entries.Select(e => e.CorpId));
        Add(command, entries.Select(e => e.CreateTime.ToUniversalTime()));
        Add(command, entries.Select(e => e.ReceivedAt.ToUniversalTime()));
        Add(command, entries.Select(e => (short)e.Status));

        var results = new JournalAppend?[entries.Count];
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var index = (int)reader.GetInt64(0) - 1;
                if (!reader.IsDBNull(1))
                {
                    results[index] = new JournalAppend(entries[index].WithId(reader.GetInt64(1)), IsNew: true);
                }
                else if (!reader.IsDBNull(2))
                {
                    var existing = entries[index].WithId(reader.GetInt64(2)) with { Status = (WeComEventStatus)reader.GetInt16(3) };
                    results[index] = new JournalAppend(existing, IsNew: false);
                }
            }
        }

        // Neither inserted nor visible: another silo committed the same event after this statement's snapshot.
        for (var i = 0; i < entries.Count; i++)
        {
            results[i] ??= await FindAsync(entries[i]);
        }

        return [.. results.Select(r => r!)];
    }

    private async Task<JournalAppend> FindAsync(NewWeComEvent entry)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT id, status FROM grid_wecom_event WHERE service_id = $1 AND tenant_id = $2 AND connector_id = $3 AND dedupe_key = $4");
        command.Parameters.Add(new() { Value = _serviceId });
        command.Parameters.Add(new() { Value = entry.TenantId });
        command.Parameters.Add(new() { Value = entry.ConnectorId });
        command.Parameters.Add(new() { Value = entry.DedupeKey });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new JournalAppend(entry.WithId(reader.GetInt64(0)) with { Status = (WeComEventStatus)reader.GetInt16(1) }, IsNew: false)
            : throw new InvalidOperationException("A WeCom event was neither stored nor found in the journal.");
    }

    private async Task<IReadOnlyList<bool>> UpdateAsync(IReadOnlyList<WeComEventOutcome> batch)
    {
        // The last outcome of an event wins: one UPDATE must not match a row twice.
        var latest = batch.GroupBy(o => o.Id).Select(g => g.Last()).ToList();
        await using var command = _dataSource.CreateCommand("""
            UPDATE grid_wecom_event e
            SET status = u.status, attempts = u.attempts, next_attempt_at = u.next_attempt_at, error = u.error,
                finished_at = u.finished_at, decided_by = u.decided_by
            FROM unnest($2::bigint[], $3::smallint[], $4::integer[], $5::timestamptz[], $6::text[], $7::timestamptz[], $8::text[])
              AS u(id, status, attempts, next_attempt_at, error, finished_at, decided_by)
            WHERE e.service_id = $1 AND e.id = u.id
            """);
        command.Parameters.Add(new() { Value = _serviceId });
        Add(command, latest.Select(o => o.Id));
        Add(command, latest.Select(o => (short)o.Status));
        Add(command, latest.Select(o => o.Attempts));
        Add(command, latest.Select(o => o.NextAttemptAt?.ToUniversalTime()));
        Add(command, latest.Select(o => o.Error));
        Add(command, latest.Select(o => o.FinishedAt?.ToUniversalTime()));
        Add(command, latest.Select(o => o.DecidedBy));
        await command.ExecuteNonQueryAsync();
        return [.. batch.Select(_ => true)];
    }

    private static void Add<T>(NpgsqlCommand command, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = [.. values] });

    private static async Task<ImmutableArray<WeComEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = ImmutableArray.CreateBuilder<WeComEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new WeComEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                (WeComEventStatus)reader.GetInt16(11),
                reader.GetInt32(12),
                reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
                reader.IsDBNull(14) ? null : reader.GetString(14),
                reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
                reader.IsDBNull(16) ? null : reader.GetString(16)));
        }

        return events.ToImmutable();
    }
}
