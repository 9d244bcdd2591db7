using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Grpc;

/// <summary>The held-changes RPCs over real gRPC: bad input names the field and changes nothing.</summary>
[Collection(GridHostCollection.Name)]
public sealed class HeldChangesTests(GridHostFixture host)
{
    [Fact]
    public async Task HeldChangesRpcs_RefuseIdsWithAllOrNeither_AndAnUnknownConnector_AndListNothingHeld()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.ForSimulator(host, tenantId, "main"), auth);

        var both = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ApproveHeldChangesAsync(
            new ApproveHeldChangesRequest { TenantId = tenantId, ConnectorId = "main", HeldChangeIds = { "h_1" }, All = true }, auth).ResponseAsync);
        var neither = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().DiscardHeldChangesAsync(
            new DiscardHeldChangesRequest { TenantId = tenantId, ConnectorId = "main" }, auth).ResponseAsync);
        var badId = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().DiscardHeldChangesAsync(
            new DiscardHeldChangesRequest { TenantId = tenantId, ConnectorId = "main", HeldChangeIds = { "h 1/../x" } }, auth).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ListHeldChangesAsync(
            new ListHeldChangesRequest { TenantId = tenantId, ConnectorId = "nope" }, auth).ResponseAsync);
        var badToken = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ListHeldChangesAsync(
            new ListHeldChangesRequest { TenantId = tenantId, ConnectorId = "main", PageToken = "bm90LWEtdG9rZW4" }, auth).ResponseAsync);
        var list = await host.AdminClient().ListHeldChangesAsync(new ListHeldChangesRequest { TenantId = tenantId, ConnectorId = "main" }, auth);
        var approve = await host.AdminClient().ApproveHeldChangesAsync(
            new ApproveHeldChangesRequest { TenantId = tenantId, ConnectorId = "main", HeldChangeIds = { "h_7" } }, auth);

        Assert.Equal(StatusCode.InvalidArgument, both.StatusCode);
        Assert.Contains("held_change_ids", both.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("not both", both.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, neither.StatusCode);
        Assert.Contains("held_change_ids", neither.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        Assert.Contains("held_change_ids", badId.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
        Assert.Contains("page_token", badToken.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(list.HeldChanges);
        Assert.Equal(0, list.Total);
        Assert.Equal("", list.NextPageToken);
        Assert.Equal(0, approve.Applied);
        Assert.Equal<string>(["h_7"], approve.NotFound);
    }
}
