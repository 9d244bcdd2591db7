using Grid.Host.Hosting;
using Npgsql;

namespace Grid.Host.Tests.Hosting;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void WithConnectionDefaults_WhenTheConnectionStringDoesNotSayIt_PreparesTheStorageStatementsAndBoundsThePool()
    {
        var built = new NpgsqlConnectionStringBuilder(
            OrleansHostingExtensions.WithConnectionDefaults("Host=127.0.0.1;Port=5432;Database=grid;Username=grid"));

        Assert.Equal(OrleansHostingExtensions.AutoPreparedStatements, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        Assert.Equal(40, built.MaxPoolSize);
        Assert.Equal("grid", built.Database);
    }

    [Theory]
    [InlineData("Maximum Pool Size=100")]
    [InlineData("maximum pool size=7")]
    [InlineData("MaxPoolSize=55")]
    public void WithConnectionDefaults_WhenTheConnectionStringSetsThem_KeepsTheOperatorsChoice(string pool)
    {
        var given = new NpgsqlConnectionStringBuilder($"Host=127.0.0.1;Database=grid;Max Auto Prepare=5;Auto Prepare Min Usages=7;{pool}");

        var built = new NpgsqlConnectionStringBuilder(OrleansHostingExtensions.WithConnectionDefaults(given.ConnectionString));

        Assert.Equal(5, built.MaxAutoPrepare);
        Assert.Equal(7, built.AutoPrepareMinUsages);
        Assert.Equal(given.MaxPoolSize, built.MaxPoolSize);
    }
}
