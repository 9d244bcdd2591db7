using Grid.Testing;
using Npgsql;

namespace Grid.Host.Tests.Infrastructure;

/// <summary>The test PostgreSQL server (see <see cref="TestPostgresServer"/>) and helpers to read and change its tables.</summary>
public static class TestPostgres
{
    public const string VariableName = TestPostgresServer.VariableName;

    public static string ConnectionString => TestPostgresServer.ConnectionString;

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
