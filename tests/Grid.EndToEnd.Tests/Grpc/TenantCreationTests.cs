using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Grpc;

/// <summary>
/// Credentials are never lost to a race or a deadline: CreateTenant is atomic (one success of parallel calls, one
/// credential), a first admin credential that reached no one is replaced with ResetTenantAdmin, and a service client
/// created with a request id is recovered by retrying with it.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class TenantCreationTests(GridHostFixture host)
{
    [Fact]
    public async Task CreateTenant_EightParallelCalls_GiveExactlyOneSuccessWithAWorkingCredential()
    {
        var platform = GridHostFixture.Bearer(await PlatformTokenAsync());
        var request = new CreateTenantRequest { TenantId = NewTenantId(), DisplayName = "Acme", TimeZone = "Asia/Shanghai" };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return (Response: await host.AdminClient().CreateTenantAsync(request, platform), Code: StatusCode.OK);
            }
            catch (RpcException error)
            {
                return (Response: (CreateTenantResponse?)null, Code: error.StatusCode);
            }
        }));

        var created = Assert.Single(outcomes, outcome => outcome.Code == StatusCode.OK).Response!;
        Assert.All(outcomes.Where(outcome => outcome.Code != StatusCode.OK), outcome => Assert.Equal(StatusCode.AlreadyExists, outcome.Code));
        await AssertAdminCredentialWorksAsync(request.TenantId, created.AdminClient);
    }

    [Fact]
    public async Task CreateTenant_WithA3MillisecondDeadline_LeavesNoTenantOrOneWhoseAdminTheOperatorCanReset()
    {
        var platform = GridHostFixture.Bearer(await PlatformTokenAsync());
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var request = new CreateTenantRequest { TenantId = NewTenantId(), DisplayName = "Acme" };
            try
            {
                await host.AdminClient().CreateTenantAsync(request, platform, deadline: DateTime.UtcNow.AddMilliseconds(3));
            }
            catch (RpcException error) when (error.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Cancelled)
            {
                // The credential, if one was made, reached no one.
            }

            ServiceClientCredential credential;
            try
            {
                credential = (await host.AdminClient().CreateTenantAsync(request, platform)).AdminClient;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.AlreadyExists)
            {
                // The short call did create the tenant: the operator issues a new first admin credential.
                credential = (await host.AdminClient().ResetTenantAdminAsync(
                    new ResetTenantAdminRequest { TenantId = request.TenantId }, platform)).AdminClient;
            }

            await AssertAdminCredentialWorksAsync(request.TenantId, credential);
        }
    }

    [Fact]
    public async Task ResetTenantAdmin_RevokesThePreviousAdmin_AndNeedsPlatformAdmin()
    {
        var platform = GridHostFixture.Bearer(await PlatformTokenAsync());
        var tenantId = NewTenantId();
        var created = await host.AdminClient().CreateTenantAsync(new CreateTenantRequest { TenantId = tenantId, DisplayName = "Acme" }, platform);
        var tenantAdmin = GridHostFixture.Bearer(await host.IssueTokenAsync(created.AdminClient.ClientId, created.AdminClient.ClientSecret));

        var reset = await host.AdminClient().ResetTenantAdminAsync(new ResetTenantAdminRequest { TenantId = tenantId }, platform);
        var byTenantAdmin = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ResetTenantAdminAsync(
            new ResetTenantAdminRequest { TenantId = tenantId }, tenantAdmin).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ResetTenantAdminAsync(
            new ResetTenantAdminRequest { TenantId = NewTenantId() }, platform).ResponseAsync);
        var newAdmin = GridHostFixture.Bearer(await host.IssueTokenAsync(reset.AdminClient.ClientId, reset.AdminClient.ClientSecret));
        var audit = await host.AdminClient().ListAuditEntriesAsync(new ListAuditEntriesRequest { TenantId = tenantId }, newAdmin);

        Assert.Null(await host.Grains.GetGrain<IServiceClientGrain>(created.AdminClient.ClientId).Authenticate(created.AdminClient.ClientSecret));
        Assert.Equal(StatusCode.PermissionDenied, byTenantAdmin.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal([GridScopes.Admin, GridScopes.DirectoryRead], reset.AdminClient.Scopes);
        Assert.Equal(
            ["tenant.reset_admin", "service_client.create", "tenant.create"],
            audit.Entries.Select(entry => entry.Action).ToArray());
    }

    [Fact]
    public async Task CreateServiceClient_RetriedWithTheSameRequestId_ReturnsTheSameClientWithANewSecret()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var request = new CreateServiceClientRequest
        {
            TenantId = tenantId, DisplayName = "hr-portal", Scopes = { GridScopes.DirectoryRead }, RequestId = Guid.NewGuid().ToString(),
        };

        var first = (await host.AdminClient().CreateServiceClientAsync(request, auth)).Credential;
        var retry = (await host.AdminClient().CreateServiceClientAsync(request, auth)).Credential;
        var otherScopes = request.Clone();
        otherScopes.Scopes.Add(GridScopes.Admin);
        var reused = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().CreateServiceClientAsync(otherScopes, auth).ResponseAsync);
        var badId = request.Clone();
        badId.RequestId = "has space";
        var invalid = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().CreateServiceClientAsync(badId, auth).ResponseAsync);
        var audit = await host.AdminClient().ListAuditEntriesAsync(new ListAuditEntriesRequest { TenantId = tenantId }, auth);

        Assert.Equal(first.ClientId, retry.ClientId);
        Assert.NotEqual(first.ClientSecret, retry.ClientSecret);
        Assert.Null(await host.Grains.GetGrain<IServiceClientGrain>(first.ClientId).Authenticate(first.ClientSecret));
        Assert.Equal(retry.ClientId, (await host.Grains.GetGrain<IServiceClientGrain>(retry.ClientId).Authenticate(retry.ClientSecret))?.ClientId);
        Assert.Equal(StatusCode.AlreadyExists, reused.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal("request_id", invalid.GetBadRequest()!.FieldViolations[0].Field);
        Assert.Single(audit.Entries, entry => entry.Action == "service_client.create" && entry.Target == $"service_client/{first.ClientId}");
        Assert.Single(audit.Entries, entry => entry.Action == "service_client.reissue" && entry.Target == $"service_client/{first.ClientId}");
    }

    [Fact]
    public async Task CreateServiceClient_WithA3MillisecondDeadline_IsRecoveredByRetryingTheRequestId()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var request = new CreateServiceClientRequest
        {
            TenantId = tenantId, DisplayName = "hr-portal", Scopes = { GridScopes.DirectoryRead }, RequestId = Guid.NewGuid().ToString(),
        };

        try
        {
            await host.AdminClient().CreateServiceClientAsync(request, auth, deadline: DateTime.UtcNow.AddMilliseconds(3));
        }
        catch (RpcException error) when (error.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Cancelled)
        {
            // Whatever the short call made, its secret reached no one.
        }

        var retry = (await host.AdminClient().CreateServiceClientAsync(request, auth)).Credential;
        var identity = await host.Grains.GetGrain<IServiceClientGrain>(retry.ClientId).Authenticate(retry.ClientSecret);
        var audit = await host.AdminClient().ListAuditEntriesAsync(new ListAuditEntriesRequest { TenantId = tenantId }, auth);

        Assert.Equal(tenantId, identity?.TenantId);
        // One client for the request, however many attempts reached the server.
        Assert.Single(audit.Entries, entry => entry.Action == "service_client.create");
        Assert.All(audit.Entries, entry => Assert.Equal($"service_client/{retry.ClientId}", entry.Target));
    }

    private static string NewTenantId() => "tc-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string> PlatformTokenAsync()
    {
        var (clientId, secret) = await host.CreateClientAsync("platform", GridScopes.PlatformAdmin);
        return await host.IssueTokenAsync(clientId, secret);
    }

    private async Task AssertAdminCredentialWorksAsync(string tenantId, ServiceClientCredential credential)
    {
        var token = await host.IssueTokenAsync(credential.ClientId, credential.ClientSecret);
        var audit = await host.AdminClient().ListAuditEntriesAsync(new ListAuditEntriesRequest { TenantId = tenantId }, GridHostFixture.Bearer(token));

        Assert.Equal(tenantId, credential.TenantId);
        Assert.Contains(audit.Entries, entry => entry.Action == "tenant.create");
    }
}
