using Npgsql;

namespace Grid.Host.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against, with deploy/sql/postgresql loaded. Tests that need it fail, never
/// skip, when it is not configured: a green run must mean the storage was actually exercised.
/// </summary>
public static class TestPostgres
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

    public static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs one statement and returns the number of rows it changed.</summary>
    public static async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query and maps each row.</summary>
    public static async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
