using Orleans.TestingHost;

namespace Grid.Host.Tests.Infrastructure;

/// <summary>
/// Builds Orleans test clusters whose silos use the ADO.NET providers on PostgreSQL for membership too (the test
/// cluster's in-memory membership is switched off), so every silo joins through the real membership table.
/// </summary>
public static class PostgresTestCluster
{
    public static TestCluster Create(
        short silos,
        string? serviceId = null,
        string? clusterId = null,
        ConnectionTransportType transport = ConnectionTransportType.InMemory)
    {
        // Fail here, with the instructions, rather than deep inside silo start-up.
        _ = TestPostgres.ConnectionString;

        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ConnectionTransport = transport;
        builder.Options.ServiceId = serviceId ?? NewId("service");
        builder.Options.ClusterId = clusterId ?? NewId("cluster");
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();
        return builder.Build();
    }

    /// <summary>A service or cluster id no earlier run has used, so that rows never leak between runs.</summary>
    public static string NewId(string prefix) => $"test-{prefix}-{Guid.NewGuid():N}";
}
