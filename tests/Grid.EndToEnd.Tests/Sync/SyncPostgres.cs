namespace Grid.EndToEnd.Tests.Sync;

/// <summary>
/// The PostgreSQL server (deploy/sql/postgresql loaded) that the sync end-to-end tests store everything in. They fail,
/// never skip, when it is not configured: a green run must mean the cluster profile really ran on PostgreSQL.
/// </summary>
public static class SyncPostgres
{
    public const string VariableName = "GRID_TEST_POSTGRES";

    public static string ConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(VariableName);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException(
                    $"{VariableName} is not set, so the sync end-to-end tests cannot run on PostgreSQL. Run deploy/local/test.sh, " +
                    $"or start a server with 'deploy/local/postgres.sh start /tmp/grid-pg' and set {VariableName} to the " +
                    "connection string it prints on its last line.");
            }

            return value;
        }
    }

    /// <summary>A unique service id: rows of one test are invisible to every other.</summary>
    public static string NewServiceId(string prefix) => $"e2e-{prefix}-{Guid.NewGuid():N}";
}
