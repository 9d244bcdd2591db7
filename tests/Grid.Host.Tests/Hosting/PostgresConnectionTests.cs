using Grid.Host.Hosting;
using Npgsql;

namespace Grid.Host.Tests.Hosting;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void WithAutoPrepare_WhenTheConnectionStringDoesNotSayIt_PreparesTheStorageStatements()
    {
        var built = new NpgsqlConnectionStringBuilder(
            OrleansHostingExtensions.WithAutoPrepare("Host=127.0.0.1;Port=5432;Database=grid;Username=grid"));

        Assert.Equal(OrleansHostingExtensions.AutoPreparedStatements, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        Assert.Equal("grid", built.Database);
    }

    [Fact]
    public void WithAutoPrepare_WhenTheConnectionStringSetsIt_KeepsTheOperatorsChoice()
    {
        var built = new NpgsqlConnectionStringBuilder(
            OrleansHostingExtensions.WithAutoPrepare("Host=127.0.0.1;Database=grid;Max Auto Prepare=5;Auto Prepare Min Usages=7"));

        Assert.Equal(5, built.MaxAutoPrepare);
        Assert.Equal(7, built.AutoPrepareMinUsages);
    }
}
