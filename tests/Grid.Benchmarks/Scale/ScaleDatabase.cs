using System.Collections.Immutable;
using System.Diagnostics;
using Grid.Testing;
using Npgsql;

namespace Grid.Benchmarks.Scale;

/// <summary>
/// A throwaway PostgreSQL for one benchmark run, started by deploy/local/postgres.sh (our schema loaded) in a temporary
/// directory on a free loopback port and stopped at the end; and what the benchmark reads from it. Grain-state writes
/// are counted by the database, not by the code under test: every write or clear of a row adds one to its version
/// (a first write inserts version 1), so the sum of the versions of a service's rows grows by exactly its writes.
/// </summary>
internal sealed class ScaleDatabase : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _directory;

    private ScaleDatabase(string script, string directory, string connectionString)
    {
        _script = script;
        _directory = directory;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<ScaleDatabase> StartAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "local", "postgres.sh");
        var directory = Directory.CreateTempSubdirectory("grid-scale-pg-").FullName;
        // The server may run as the postgres user (when we are root): it must reach its directory.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }
        var port = LoopbackPorts.Free(1)[0];
        var output = await RunAsync(script, "start", Path.Combine(directory, "pg"), port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var connectionString = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        return new ScaleDatabase(script, directory, connectionString);
    }

    /// <summary>Per state name of the service: its rows, and the grain-state writes so far (the sum of their versions).</summary>
    public async Task<ImmutableSortedDictionary<string, StateRows>> RowsAsync(string serviceId)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT state_name, count(*), sum(version)::bigint FROM grid_grain_state WHERE service_id = $1 GROUP BY state_name");
        command.Parameters.AddWithValue(serviceId);
        var rows = ImmutableSortedDictionary.CreateBuilder<string, StateRows>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = new StateRows(reader.GetInt64(1), reader.GetInt64(2));
        }

        return rows.ToImmutable();
    }

    /// <summary>The mean payload size of the service's rows, in bytes.</summary>
    public async Task<int> MeanPayloadAsync(string serviceId)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT coalesce(avg(length(payload)), 0)::int FROM grid_grain_state WHERE service_id = $1");
        command.Parameters.AddWithValue(serviceId);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The CPU time the server has used so far: the postmaster and its live children (backends, autovacuum, WAL
    /// writer), and the children that have exited, which the kernel adds to the postmaster's own account.
    /// </summary>
    public TimeSpan ServerCpu()
    {
        var postmaster = int.Parse(
            File.ReadLines(Path.Combine(_directory, "pg", "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        var total = ProcessCpu.Of(postmaster, withExitedChildren: true);
        foreach (var child in ProcessCpu.ChildrenOf(postmaster))
        {
            total += ProcessCpu.Of(child);
        }

        return total;
    }

    /// <summary>WAL written by the server so far, in bytes.</summary>
    public async Task<long> WalBytesAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await RunAsync(_script, "stop", Path.Combine(_directory, "pg"));
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
        }

        return await output;
    }

    // The benchmark runs from the repository root (dotnet run --project ...); look upwards from here for Grid.sln.
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Grid.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the scale benchmark from inside the repository (Grid.sln not found above the current directory).");
    }
}

/// <summary>A grain type's state rows and the writes they have seen.</summary>
internal sealed record StateRows(long Rows, long Writes)
{
    public static StateRows None { get; } = new(0, 0);

    public StateRows Minus(StateRows before) => new(Rows - before.Rows, Writes - before.Writes);
}
