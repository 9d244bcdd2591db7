namespace Grid.Testing;

/// <summary>
/// The PostgreSQL server (deploy/sql/postgresql loaded) that tests of the cluster profile run against. Tests that need
/// it fail, never skip, when it is not configured: a green run must mean the storage was actually exercised.
/// </summary>
public static class TestPostgresServer
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
                    $"{VariableName} is not set, so the PostgreSQL tests cannot run. Run deploy/local/test.sh, or start a " +
                    $"server with 'deploy/local/postgres.sh start /tmp/grid-pg' and set {VariableName} to the connection " +
                    "string it prints on its last line.");
            }

            return value;
        }
    }

    /// <summary>A unique Orleans service id: the rows of one test are invisible to every other.</summary>
    public static string NewServiceId(string prefix) => $"e2e-{prefix}-{Guid.NewGuid():N}";
}
