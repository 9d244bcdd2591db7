using System.Reflection;
using System.Text.RegularExpressions;
using Grid.Host.Hosting;
using Grid.Host.Tests.Deployment;
using Grid.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Serialization;
using Orleans.Storage;

namespace Grid.Host.Tests.Persistence;

/// <summary>
/// deploy/sql/postgresql/020-persistence.sql moves the rows of orleans_grain_state (Orleans' ADO.NET provider, which an
/// earlier Grid used) into grid_grain_state, where Grid's storage reads them.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed partial class GrainStateMigrationTests(StorageClusterFixture fixture)
{
    // The old table as the earlier schema created it (its unique index is what made ON CONFLICT work there).
    private const string OldTable = """
        CREATE TABLE IF NOT EXISTS orleans_grain_state (
          service_id text NOT NULL, grain_id_hash integer NOT NULL, grain_type_hash integer NOT NULL,
          grain_id_n0 bigint NOT NULL, grain_id_n1 bigint NOT NULL, grain_type text NOT NULL, grain_id_ext text,
          version integer NOT NULL, payload bytea, modified_at timestamptz NOT NULL DEFAULT now());
        CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_grain ON orleans_grain_state
          (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_ext) NULLS NOT DISTINCT
        """;

    private static string SchemaFile => DeployFiles.Path("deploy", "sql", "postgresql", "020-persistence.sql");

    [Fact]
    public async Task LoadingTheSchema_MovesTheOldProvidersRows_AndDropsItsTableOnceNothingIsLeftBehind()
    {
        // The rows of this cluster's service, so that its storage reads them; keys of this run only.
        var serviceId = fixture.ServiceId;
        var tenant = "t" + Guid.NewGuid().ToString("N");
        var serializer = new OrleansGrainStorageSerializer(fixture.Cluster.GetSiloServiceProvider().GetRequiredService<Serializer>());
        var account = serializer.Serialize(new ProbeState { Text = "an account", History = ["an account"] }).ToArray();
        var member = serializer.Serialize(new ProbeState { Text = "a member" }).ToArray();
        await TestPostgres.ExecuteAsync(OldTable);
        await TestPostgres.ExecuteAsync(
            """
            INSERT INTO orleans_grain_state
              (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_ext, version, payload)
            VALUES (@service, 11, 12, 0, 0, 'account', @tenant || '/a1', 7, @account),
                   (@service, 13, 14, 0, 0, 'wecom-member', @tenant || '/c1/zhangsan', 2147483647, @member),
                   (@service, 15, 16, 0, 0, 'account', @tenant || '/a2', 3, NULL),
                   (@service, 17, 18, 0, 0, 'not-a-grid-state', @tenant, 1, @member)
            """,
            ("service", serviceId), ("tenant", tenant), ("account", account), ("member", member));

        await LoadSchemaAsync();
        await LoadSchemaAsync();

        Assert.True(await OldTableExistsAsync(), "a row that cannot be mapped keeps the old table");
        await AssertMigratedAsync(tenant);

        await TestPostgres.ExecuteAsync("DELETE FROM orleans_grain_state WHERE grain_type = 'not-a-grid-state'");
        await LoadSchemaAsync();

        Assert.False(await OldTableExistsAsync());
        await AssertMigratedAsync(tenant);
        var rows = await TestPostgres.QueryAsync(
            "SELECT grain_id FROM grid_grain_state WHERE service_id = @service AND grain_id LIKE '%' || @tenant || '%' ORDER BY grain_id",
            row => row.GetString(0),
            ("service", serviceId), ("tenant", tenant));
        Assert.Equal([$"account/{tenant}/a1", $"account/{tenant}/a2", $"wecommember/{tenant}/c1/zhangsan"], rows);

        // The migrated version goes on as the ETag: the next write wraps to 1.
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(OrleansHostingExtensions.StorageName);
        var moved = new GrainState<ProbeState>(new ProbeState { Text = "moved on" }) { ETag = "2147483647" };
        await storage.WriteStateAsync("wecom-member", GrainId.Create("wecommember", $"{tenant}/c1/zhangsan"), moved);
        Assert.Equal("1", moved.ETag);
    }

    [Fact]
    public async Task TheMigrationsGrainTypes_AreTheGrainTypesOfThoseStateNamesInGridGrains()
    {
        var mapping = StateMapping().Matches(await File.ReadAllTextAsync(SchemaFile))
            .ToDictionary(m => m.Groups["state"].Value, m => m.Groups["type"].Value, StringComparer.Ordinal);
        var resolver = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<GrainTypeResolver>();
        var actual = (
            from type in Assembly.Load("Grid.Grains").GetTypes()
            where type.IsClass && !type.IsAbstract && typeof(Grain).IsAssignableFrom(type)
            from parameter in type.GetConstructors().SelectMany(c => c.GetParameters())
            let attribute = parameter.GetCustomAttribute<PersistentStateAttribute>()
            where attribute is not null && attribute.StorageName == OrleansHostingExtensions.StorageName
            select (attribute.StateName, Type: resolver.GetGrainType(type).ToString()))
            .Distinct()
            .ToLookup(s => s.StateName, s => s.Type, StringComparer.Ordinal);

        Assert.True(mapping.Count >= 30, $"the mapping lists {mapping.Count} state names");
        Assert.All(mapping, entry => Assert.Equal([entry.Value], actual[entry.Key]));
    }

    private async Task AssertMigratedAsync(string tenant)
    {
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(OrleansHostingExtensions.StorageName);
        var account = await ReadAsync(storage, "account", GrainId.Create("account", $"{tenant}/a1"));
        var member = await ReadAsync(storage, "wecom-member", GrainId.Create("wecommember", $"{tenant}/c1/zhangsan"));
        var cleared = await ReadAsync(storage, "account", GrainId.Create("account", $"{tenant}/a2"));

        Assert.Equal(("an account", "7", true), (account.State!.Text, account.ETag, account.RecordExists));
        Assert.Equal(["an account"], account.State!.History);
        Assert.Equal(("a member", "2147483647"), (member.State!.Text, member.ETag));
        Assert.Equal(("3", false), (cleared.ETag, cleared.RecordExists));

        async Task<GrainState<ProbeState>> ReadAsync(IGrainStorage from, string stateName, GrainId grain)
        {
            var state = new GrainState<ProbeState>(new ProbeState());
            await from.ReadStateAsync(stateName, grain, state);
            return state;
        }
    }

    private static async Task LoadSchemaAsync()
    {
        await TestPostgres.ExecuteAsync(await File.ReadAllTextAsync(SchemaFile));
    }

    private static async Task<bool> OldTableExistsAsync() =>
        (await TestPostgres.QueryAsync("SELECT to_regclass('orleans_grain_state') IS NOT NULL", row => row.GetBoolean(0))).Single();

    [GeneratedRegex(@"\('(?<state>[a-z-]+)', '(?<type>[a-z]+)'\)")]
    private static partial Regex StateMapping();
}
