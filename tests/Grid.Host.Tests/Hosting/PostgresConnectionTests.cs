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
        Assert.Equal(OrleansHostingExtensions.PlanEachExecution, built.Options);
        Assert.Equal("grid", built.Database);
    }

    [Fact]
    public void WithConnectionDefaults_WhenTheConnectionStringGivesOtherServerOptions_AddsThePlanCacheModeToThem()
    {
        var built = new NpgsqlConnectionStringBuilder(
            OrleansHostingExtensions.WithConnectionDefaults("Host=127.0.0.1;Database=grid;Options=-c statement_timeout=5000"));

        Assert.Equal("-c statement_timeout=5000 " + OrleansHostingExtensions.PlanEachExecution, built.Options);
    }

    [Fact]
    public void WithConnectionDefaults_WhenTheConnectionStringSetsThePlanCacheMode_KeepsIt()
    {
        var built = new NpgsqlConnectionStringBuilder(
            OrleansHostingExtensions.WithConnectionDefaults("Host=127.0.0.1;Database=grid;Options=-c plan_cache_mode=auto"));

        Assert.Equal("-c plan_cache_mode=auto", built.Options);
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
