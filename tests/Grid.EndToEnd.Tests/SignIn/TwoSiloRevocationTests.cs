using System.Security.Cryptography;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Tenants;
using Grid.Contracts.V1;
using Grid.Testing;
using Grid.WeCom.Simulator.Hosting;
using Grpc.Core;
using Grpc.Net.Client;

namespace Grid.EndToEnd.Tests.SignIn;

/// <summary>Two silos of one cluster on the test PostgreSQL: a revocation on one is refused by the other at once.</summary>
public sealed class TwoSiloRevocationTests
{
    [Fact]
    public async Task RevokeSession_OnOneSilo_MakesValidateTokenOnTheOtherRefuseAtOnce()
    {
        await using var simulator = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Members = 5, Departments = 2 });
        var serviceId = TestPostgresServer.NewServiceId("revoke");
        var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var first = await StartSiloAsync(simulator, serviceId, masterKey);
        await using var second = await StartSiloAsync(simulator, serviceId, masterKey);
        using var firstChannel = GrpcChannel.ForAddress(first.GrpcAddress);
        using var secondChannel = GrpcChannel.ForAddress(second.GrpcAddress);

        var tenantId = "rv-" + Guid.NewGuid().ToString("N")[..10];
        await first.Grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Create("Revocation", "UTC");
        var clientId = ServiceClientIds.New(tenantId);
        var secret = await first.Grains.GetGrain<IServiceClientGrain>(clientId)
            .Create(new ServiceClientRegistration(tenantId, "e2e", [GridScopes.Admin, GridScopes.AuthFrontend], "e2e"));
        var token = (await new Auth.AuthClient(firstChannel).IssueTokenAsync(new IssueTokenRequest { ClientId = clientId, ClientSecret = secret })).AccessToken;
        var caller = new Metadata { { "authorization", $"Bearer {token}" } };
        var connector = Infrastructure.ConnectorSamples.Configure(tenantId, "main");
        await new Admin.AdminClient(firstChannel).ConfigureWeComAsync(connector, caller);
        var accountId = GridKeys.NewAccountId();
        await first.Grains.GetGrain<IAccountGrain>(GridKeys.Account(tenantId, accountId))
            .Create(AccountSpec.Active(new AccountProfile("revoked-user", "R", null, null), GridKeys.RootOrganizationId));
        await new Admin.AdminClient(firstChannel).SetAccountPasswordAsync(
            new SetAccountPasswordRequest { TenantId = tenantId, AccountId = accountId, Password = "two silos password" }, caller);

        var session = (await new Auth.AuthClient(firstChannel).PasswordLoginAsync(new PasswordLoginRequest
        {
            TenantId = tenantId, ConnectorId = "main", Login = "revoked-user", Password = "two silos password",
        }, caller)).Session;
        var validate = new ValidateTokenRequest { TenantId = tenantId, AccessToken = session.AccessToken };
        var before = await new Auth.AuthClient(secondChannel).ValidateTokenAsync(validate, caller);
        await new Auth.AuthClient(firstChannel).RevokeSessionAsync(new RevokeSessionRequest { TenantId = tenantId, SessionId = session.SessionId }, caller);
        var after = await Assert.ThrowsAsync<RpcException>(() => new Auth.AuthClient(secondChannel).ValidateTokenAsync(validate, caller).ResponseAsync);

        Assert.Equal(accountId, before.AccountId);
        Assert.Equal(StatusCode.Unauthenticated, after.StatusCode);
    }

    private static Task<InProcessGridHost> StartSiloAsync(WeComSimulatorHost simulator, string serviceId, string masterKey)
    {
        var ports = LoopbackPorts.Free(2);
        return InProcessGridHost.StartAsync(
        [
            .. GridHostArguments.Cluster(TestPostgresServer.ConnectionString, serviceId, serviceId, ports[0], ports[1]),
            $"--Grid:Secrets:MasterKey={masterKey}",
            .. GridHostArguments.WeCom(simulator.BaseAddress),
            "--Logging:LogLevel:Default=Warning",
        ]);
    }
}
