using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Tenants;
using Grid.Grains.Auth;
using Grid.Grains.Tests.Infrastructure;

namespace Grid.Grains.Tests.Auth;

[Collection(ClusterCollection.Name)]
public sealed class ServiceClientGrainTests(ClusterFixture fixture)
{
    private static ServiceClientRegistration Registration(params string[] scopes) => new("acme", "hr-portal", [.. scopes], "test");

    [Fact]
    public async Task IssueAndAuditedRevoke_RecordTheirChangesInTheTenantsAuditLog_AndUnauditedRevokeDoesNot()
    {
        var tenantId = TestIds.NewTenantId();
        var registration = new ServiceClientRegistration(tenantId, "hr-portal", [GridScopes.DirectoryRead], "gc_admin");
        var audited = fixture.Client.GetGrain<IServiceClientGrain>(ServiceClientIds.New(tenantId));
        var unaudited = fixture.Client.GetGrain<IServiceClientGrain>(ServiceClientIds.New(tenantId));

        await audited.Issue(registration, "");
        var again = await Assert.ThrowsAsync<GridException>(() => audited.Issue(registration, ""));
        await audited.Revoke("gc_admin", audited: true);
        await unaudited.Create(registration);
        await unaudited.Revoke("gc_admin", audited: false);
        var audit = await fixture.Client.GetGrain<IAuditLogGrain>(GridKeys.Tenant(tenantId)).ReadBackward(0, 10);

        Assert.Equal(GridErrorKind.Conflict, again.Kind);
        Assert.Equal(["service_client.revoke", "service_client.create"], audit.Entries.Select(entry => entry.Action).ToArray());
        Assert.All(audit.Entries, entry => Assert.Equal(($"service_client/{audited.GetPrimaryKeyString()}", "gc_admin"), (entry.Target, entry.Actor)));
        Assert.Equal("created 'hr-portal' with scopes directory.read", audit.Entries[1].Summary);
    }

    [Fact]
    public async Task Authenticate_AcceptsTheSecretOnly_AndNothingAfterRevocation()
    {
        var client = fixture.Client.GetGrain<IServiceClientGrain>(ServiceClientIds.New("acme"));
        var secret = await client.Create(Registration(GridScopes.DirectoryRead));

        var right = await client.Authenticate(secret);
        var wrong = await client.Authenticate(secret + "x");
        await client.Revoke("test", audited: false);
        var revoked = await client.Authenticate(secret);

        Assert.NotNull(right);
        Assert.Equal("acme", right.TenantId);
        Assert.Equal([GridScopes.DirectoryRead], right.Scopes.ToArray());
        Assert.Null(wrong);
        Assert.Null(revoked);
        Assert.NotNull((await client.Get())!.RevokedAt);
    }

    [Fact]
    public async Task Secret_IsStoredOnlyAsAHash()
    {
        var client = fixture.Client.GetGrain<IServiceClientGrain>(ServiceClientIds.New("acme"));
        var secret = await client.Create(Registration(GridScopes.Admin));

        var state = await RawState.ReadAsync<ServiceClientState>(fixture, "service-client", client);

        Assert.Equal(32, state.SecretHash.Length);
        Assert.False(RawState.Contains(fixture, state, secret), "the secret is stored in clear");
    }

    [Fact]
    public async Task Create_Twice_OrWithAnUnknownScope_IsRefused()
    {
        var client = fixture.Client.GetGrain<IServiceClientGrain>(ServiceClientIds.New("acme"));
        await client.Create(Registration(GridScopes.Admin));

        var twice = await Assert.ThrowsAsync<GridException>(() => client.Create(Registration(GridScopes.Admin)));
        var unknownScope = await Assert.ThrowsAsync<GridException>(() =>
            fixture.Client.GetGrain<IServiceClientGrain>(ServiceClientIds.New("acme")).Create(Registration("root")));
        var unknownClient = await fixture.Client.GetGrain<IServiceClientGrain>("gc_nobody").Authenticate("gs_x");

        Assert.Equal(GridErrorKind.Conflict, twice.Kind);
        Assert.Equal(GridErrorKind.InvalidArgument, unknownScope.Kind);
        Assert.Equal("scopes", unknownScope.Field);
        Assert.Null(unknownClient);
    }

    [Fact]
    public async Task Issue_RetriedWithTheSameRequestId_ReplacesTheSecretOfTheSameClient()
    {
        var requestId = Guid.NewGuid().ToString();
        var clientId = ServiceClientIds.ForRequest("acme", "test", requestId);
        var client = fixture.Client.GetGrain<IServiceClientGrain>(clientId);

        var first = await client.Issue(Registration(GridScopes.DirectoryRead), requestId);
        var retry = await client.Issue(Registration(GridScopes.DirectoryRead), requestId);
        var otherDetails = await Assert.ThrowsAsync<GridException>(() => client.Issue(Registration(GridScopes.Admin), requestId));
        var state = await RawState.ReadAsync<ServiceClientState>(fixture, "service-client", client);

        Assert.False(first.Reissued);
        Assert.True(retry.Reissued);
        Assert.Null(await client.Authenticate(first.Secret));
        Assert.Equal(clientId, (await client.Authenticate(retry.Secret))?.ClientId);
        Assert.Equal(GridErrorKind.Conflict, otherDetails.Kind);
        Assert.Equal("request_id", otherDetails.Field);
        Assert.False(RawState.Contains(fixture, state, retry.Secret), "the secret is stored in clear");
        Assert.NotEqual(clientId, ServiceClientIds.ForRequest("acme", "another-caller", requestId));
        Assert.DoesNotContain(retry.Secret, retry.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_RetriedAfterADayOrAfterRevocation_IsRefusedAndKeepsTheSecret()
    {
        var requestId = Guid.NewGuid().ToString();
        var client = fixture.Client.GetGrain<IServiceClientGrain>(ServiceClientIds.ForRequest("acme", "test", requestId));
        var revokedRequestId = Guid.NewGuid().ToString();
        var revoked = fixture.Client.GetGrain<IServiceClientGrain>(ServiceClientIds.ForRequest("acme", "test", revokedRequestId));
        var issued = await client.Issue(Registration(GridScopes.DirectoryRead), requestId);
        await revoked.Issue(Registration(GridScopes.DirectoryRead), revokedRequestId);
        await revoked.Revoke("test", audited: false);

        var afterRevocation = await Assert.ThrowsAsync<GridException>(() => revoked.Issue(Registration(GridScopes.DirectoryRead), revokedRequestId));
        fixture.Time.Advance(ServiceClientIds.RequestIdLifetime + TimeSpan.FromMinutes(1));
        var expired = await Assert.ThrowsAsync<GridException>(() => client.Issue(Registration(GridScopes.DirectoryRead), requestId));

        Assert.Equal(GridErrorKind.FailedPrecondition, afterRevocation.Kind);
        Assert.NotNull((await revoked.Get())!.RevokedAt);
        Assert.Equal(GridErrorKind.Conflict, expired.Kind);
        Assert.Equal("request_id", expired.Field);
        Assert.NotNull(await client.Authenticate(issued.Secret));
    }

    [Fact]
    public async Task EnsureBootstrap_CreatesOnce_ReplacesAChangedSecret_AndLeavesARevokedClientRevoked()
    {
        var client = fixture.Client.GetGrain<IServiceClientGrain>("gc_platform_" + Guid.NewGuid().ToString("N"));
        var registration = new ServiceClientRegistration("platform", "bootstrap", [GridScopes.PlatformAdmin, GridScopes.Admin], "configuration");
        const string first = "first-operator-chosen-secret-0123456789";
        const string second = "second-operator-chosen-secret-987654321";

        var created = await client.EnsureBootstrap(registration, first);
        var createdAt = (await client.Get())!.CreatedAt;
        var again = await client.EnsureBootstrap(registration, first);
        var rotated = await client.EnsureBootstrap(registration, second);
        var oldSecret = await client.Authenticate(first);
        var newSecret = await client.Authenticate(second);
        var rescoped = await client.EnsureBootstrap(registration with { Scopes = [GridScopes.PlatformAdmin] }, second);
        var scopesNow = (await client.Authenticate(second))!.Scopes;
        await client.Revoke("test", audited: false);
        var afterRevoke = await client.EnsureBootstrap(registration, first);
        var state = await RawState.ReadAsync<ServiceClientState>(fixture, "service-client", client);

        Assert.Equal(BootstrapOutcome.Created, created);
        Assert.Equal(BootstrapOutcome.Unchanged, again);
        Assert.Equal(BootstrapOutcome.Updated, rotated);
        Assert.Null(oldSecret);
        Assert.Equal([GridScopes.PlatformAdmin, GridScopes.Admin], newSecret!.Scopes.ToArray());
        Assert.Equal(BootstrapOutcome.Updated, rescoped);
        Assert.Equal([GridScopes.PlatformAdmin], scopesNow.ToArray());
        Assert.Equal(BootstrapOutcome.Revoked, afterRevoke);
        Assert.Null(await client.Authenticate(first));
        Assert.Equal(createdAt, (await client.Get())!.CreatedAt);
        Assert.False(RawState.Contains(fixture, state, second), "the bootstrap secret is stored in clear");
    }

    [Fact]
    public async Task EnsureBootstrap_WhenTheRotationWriteFails_KeepsTheStoredSecret_AndTheRetryRotates()
    {
        var client = fixture.Client.GetGrain<IServiceClientGrain>("gc_platform_" + Guid.NewGuid().ToString("N"));
        var registration = new ServiceClientRegistration("platform", "bootstrap", [GridScopes.PlatformAdmin], "configuration");
        const string old = "old-operator-chosen-secret-0123456789";
        const string rotated = "new-operator-chosen-secret-0123456789";
        await client.EnsureBootstrap(registration, old);

        var clientId = client.GetGrainId();
        using (fixture.StorageFaults.FailWhile((name, id) => name == "service-client" && id == clientId))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => client.EnsureBootstrap(registration, rotated));
            await Assert.ThrowsAnyAsync<Exception>(() => client.Revoke("test", audited: false));
        }

        var oldStillWorks = await client.Authenticate(old);
        var retried = await client.EnsureBootstrap(registration, rotated);
        var stranger = await Assert.ThrowsAsync<GridException>(() => client.EnsureBootstrap(registration with { TenantId = "acme" }, rotated));

        Assert.NotNull(oldStillWorks);
        Assert.Null((await client.Get())!.RevokedAt);
        Assert.Equal(BootstrapOutcome.Updated, retried);
        Assert.Null(await client.Authenticate(old));
        Assert.NotNull(await client.Authenticate(rotated));
        Assert.Equal(GridErrorKind.Conflict, stranger.Kind);
    }
}
