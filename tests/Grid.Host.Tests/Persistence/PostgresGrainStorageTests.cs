using Grid.Abstractions;
using Grid.Host.Hosting;
using Grid.Host.Storage;
using Grid.Host.Tests.Infrastructure;
using Grid.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Grid.Host.Tests.Persistence;

/// <summary>
/// The silo's <see cref="PostgresGrainStorage"/> called directly, many grains at once, as concurrent activations call
/// it: group commit, per-grain conflicts within a batch, retries and the exception that leaves the storage.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class PostgresGrainStorageTests(StorageClusterFixture fixture)
{
    private const string StateName = "batch-probe";

    private IServiceProvider Silo => fixture.Cluster.GetSiloServiceProvider();

    private IGrainStorage Storage => Silo.GetRequiredKeyedService<IGrainStorage>(OrleansHostingExtensions.StorageName);

    [Fact]
    public async Task ThousandConcurrentWritesAndReads_GoOutInFarFewerStatements_AndEachGrainGetsItsOwnState()
    {
        var grains = NewGrains(1000);
        using var statements = new StorageStatements();

        var written = await Task.WhenAll(grains.Select(grain => WriteAsync(grain, grain.ToString())));
        var read = await Task.WhenAll(grains.Select(ReadAsync));

        Assert.All(written, state => Assert.Equal("1", state.ETag));
        Assert.Equal(grains.Select(g => (g.ToString(), (string?)"1", true)), read.Select(s => (s.State!.Text, s.ETag, s.RecordExists)));
        var writes = statements.Of("write");
        var reads = statements.Of("read");
        Assert.Equal((1000, 1000), (writes.Sum(), reads.Sum()));
        Assert.InRange(writes.Count, 1, 100);
        Assert.InRange(reads.Count, 1, 100);
        Assert.All(writes.Concat(reads), size => Assert.InRange(size, 1, PostgresGrainStorage.MaxBatch));
    }

    [Fact]
    public async Task Write_WhenOneGrainOfTheBatchIsStale_FailsThatGrainAloneAndWritesTheOthers()
    {
        var grains = NewGrains(50);
        var states = await Task.WhenAll(grains.Select(grain => WriteAsync(grain, "first")));
        var stale = grains[17];
        Assert.Equal(1, await GrainStateTable.BumpVersionAsync(fixture.ServiceId, StateName, stale));

        var outcomes = await Task.WhenAll(grains.Select(async (grain, i) =>
        {
            states[i].State = new ProbeState { Text = "second" };
            try
            {
                await Storage.WriteStateAsync(StateName, grain, states[i]);
                return states[i].ETag;
            }
            catch (InconsistentStateException)
            {
                return "conflict";
            }
        }));

        Assert.Equal("conflict", outcomes[17]);
        Assert.All(outcomes.Where((_, i) => i != 17), etag => Assert.Equal("2", etag));
        Assert.Equal("first", (await ReadAsync(stale)).State!.Text);
        Assert.Equal("second", (await ReadAsync(grains[18])).State!.Text);
    }

    [Fact]
    public async Task ConcurrentFirstWrites_OfOneGrain_OneWinsAndTheOtherConflicts()
    {
        var grain = NewGrains(1)[0];

        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try
            {
                return (await WriteAsync(grain, $"writer {i}")).State!.Text;
            }
            catch (InconsistentStateException)
            {
                return "conflict";
            }
        }));

        var winner = Assert.Single(attempts, a => a != "conflict");
        Assert.Single(attempts, a => a == "conflict");
        var stored = await ReadAsync(grain);
        Assert.Equal((winner, "1"), (stored.State!.Text, stored.ETag));
    }

    [Fact]
    public async Task Clear_ThenWrite_KeepsTheRowAndContinuesTheVersion()
    {
        var grain = NewGrains(1)[0];
        var state = await WriteAsync(grain, "doomed");

        await Storage.ClearStateAsync(StateName, grain, state);
        var cleared = await ReadAsync(grain);
        state.State = new ProbeState { Text = "reborn" };
        await Storage.WriteStateAsync(StateName, grain, state);

        Assert.Equal(("2", false, ""), (cleared.ETag, cleared.RecordExists, cleared.State!.Text));
        Assert.Equal(
            new GrainStateRow(StateName, grain.ToString(), 3, HasPayload: true),
            Assert.Single(await GrainStateTable.ReadAsync(fixture.ServiceId, StateName, grain)));
        Assert.Equal("3", state.ETag);
    }

    [Fact]
    public async Task Write_WhenTheServerRefusesConnectionsAtFirst_RetriesUntilItAnswers()
    {
        var port = LoopbackPorts.Free(1)[0];
        await using var storage = NewStorage(port, out var dataSource);
        await using var _ = dataSource;
        using var statements = new StorageStatements();
        var grain = NewGrains(1)[0];

        var write = storage.WriteStateAsync(StateName, grain, new GrainState<ProbeState>(new ProbeState { Text = "late" }));
        await statements.FirstRetry.WaitAsync(TimeSpan.FromSeconds(10));
        using var forwarder = new LoopbackForwarder(port, new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString).Port);
        await write.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(statements.Retries, 1, GrainStateStatements.Attempts - 1);
        Assert.Equal("late", (await ReadAsync(grain)).State!.Text);
    }

    [Fact]
    public async Task Write_WhenTheServerStaysAway_ThrowsAGridStorageExceptionWithoutSecretsAfterTheLastAttempt()
    {
        await using var storage = NewStorage(LoopbackPorts.Free(1)[0], out var dataSource);
        await using var _ = dataSource;
        using var statements = new StorageStatements();

        var failure = await Assert.ThrowsAsync<GridStorageException>(() => storage.WriteStateAsync(
            StateName, NewGrains(1)[0], new GrainState<ProbeState>(new ProbeState { Text = "payload-text" })));

        Assert.Equal((GrainStateStatements.Attempts, null, true), (failure.Attempts, failure.SqlState, failure.IsTransient));
        Assert.Equal(GrainStateStatements.Attempts - 1, statements.Retries);
        Assert.StartsWith("Grain storage write of 1 state(s) failed after 5 attempt(s): ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-password", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("payload-text", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WhenTheTableIsMissing_FailsAtOnceWithAGridStorageExceptionThatOrleansSerializes()
    {
        // Not transient: one attempt. The exception must survive Orleans' serializer, as it does on its way to a caller
        // on another silo (PostgresException does not: it failed there with CodecNotFoundException).
        await using var storage = NewStorage(builder => builder.SearchPath = "no_such_schema", out var dataSource);
        await using var _ = dataSource;

        var direct = await Assert.ThrowsAsync<GridStorageException>(() =>
            storage.ReadStateAsync(StateName, NewGrains(1)[0], new GrainState<ProbeState>(new ProbeState())));
        var serializer = Silo.GetRequiredService<Serializer>();
        var copy = Assert.IsType<GridStorageException>(serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(direct)));

        Assert.Equal((1, PostgresErrorCodes.UndefinedTable, false), (direct.Attempts, direct.SqlState, direct.IsTransient));
        Assert.Equal(
            (direct.Message, direct.SqlState, direct.Attempts, direct.IsTransient),
            (copy.Message, copy.SqlState, copy.Attempts, copy.IsTransient));
    }

    private PostgresGrainStorage NewStorage(int port, out NpgsqlDataSource dataSource) =>
        NewStorage(builder => builder.Port = port, out dataSource);

    private PostgresGrainStorage NewStorage(Action<NpgsqlConnectionStringBuilder> change, out NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Password = "not-a-real-password", Timeout = 2 };
        change(builder);
        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        return new PostgresGrainStorage(
            dataSource, fixture.ServiceId, new OrleansGrainStorageSerializer(Silo.GetRequiredService<Serializer>()), Silo.GetRequiredService<IActivatorProvider>(), NullLogger<PostgresGrainStorage>.Instance);
    }

    private async Task<GrainState<ProbeState>> WriteAsync(GrainId grain, string text)
    {
        var state = new GrainState<ProbeState>(new ProbeState { Text = text });
        await Storage.WriteStateAsync(StateName, grain, state);
        return state;
    }

    private async Task<GrainState<ProbeState>> ReadAsync(GrainId grain)
    {
        var state = new GrainState<ProbeState>(new ProbeState());
        await Storage.ReadStateAsync(StateName, grain, state);
        return state;
    }

    private static GrainId[] NewGrains(int count)
    {
        var run = Guid.NewGuid().ToString("N");
        return [.. Enumerable.Range(0, count).Select(i => GrainId.Create("probe", $"{run}/{i}"))];
    }
}
