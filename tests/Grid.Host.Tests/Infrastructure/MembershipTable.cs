using Grid.Testing;

namespace Grid.Host.Tests.Infrastructure;

/// <summary>Reads the membership table (deploy/sql/postgresql/010-clustering.sql) directly, as an operator would.</summary>
public static class MembershipTable
{
    public static Task<List<SiloRow>> ReadAsync(string clusterId) =>
        TestPostgres.QueryAsync(
            """
            SELECT address, port, generation, silo_name, status, proxy_port, suspect_times, start_time, i_am_alive_time
            FROM orleans_silo WHERE cluster_id = @cluster ORDER BY start_time
            """,
            row => new SiloRow(
                row.GetString(0),
                row.GetInt32(1),
                row.GetInt32(2),
                row.GetString(3),
                (SiloStatus)row.GetInt32(4),
                row.GetInt32(5),
                row.IsDBNull(6) ? null : row.GetString(6),
                row.GetDateTime(7),
                row.GetDateTime(8)),
            ("cluster", clusterId));

    /// <summary>Waits until the table holds the silo in the given status.</summary>
    public static Task<List<SiloRow>> WaitForStatusAsync(string clusterId, SiloAddress silo, SiloStatus status, TimeSpan timeout) =>
        Eventually.MatchAsync(
            () => ReadAsync(clusterId),
            rows => rows.Any(row => row.Is(silo) && row.Status == status),
            timeout,
            $"silo {silo} to be {status} in the membership table of cluster {clusterId}",
            Describe);

    public static string Describe(IEnumerable<SiloRow> rows) => "[" + string.Join("; ", rows) + "]";
}
