using Grid.Host.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Grid.Host.Tests.Infrastructure;

/// <summary>Lets a test cluster's client find its gateways in the PostgreSQL membership table.</summary>
public sealed class PostgresClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseAdoNetClustering(ado =>
        {
            ado.Invariant = OrleansHostingExtensions.Invariant;
            ado.ConnectionString = TestPostgres.ConnectionString;
        });
}
