using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Grpc;

/// <summary>
/// Every RPC of Admin and Directory and every sign-in RPC of Auth, called without a token, with another tenant's token and with a token lacking
/// its scope, is refused before it does anything; a new RPC cannot be added without joining this matrix.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class AuthorizationMatrixTests(GridHostFixture host)
{
    private delegate Task CallAsync(GridHostFixture host, string tenantId, Metadata? headers);

    private static readonly Dictionary<string, (string Scope, CallAsync CallAsync)> AdminRpcs = new()
    {
        ["CreateTenant"] = (GridScopes.PlatformAdmin, (h, t, m) => h.AdminClient().CreateTenantAsync(new CreateTenantRequest { TenantId = t + "-x", DisplayName = "x" }, m).ResponseAsync),
        ["ResetTenantAdmin"] = (GridScopes.PlatformAdmin, (h, t, m) => h.AdminClient().ResetTenantAdminAsync(new ResetTenantAdminRequest { TenantId = t }, m).ResponseAsync),
        ["CreateServiceClient"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().CreateServiceClientAsync(new CreateServiceClientRequest { TenantId = t, DisplayName = "x", Scopes = { GridScopes.Admin } }, m).ResponseAsync),
        ["RevokeServiceClient"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().RevokeServiceClientAsync(new RevokeServiceClientRequest { TenantId = t, ClientId = "gc_x" }, m).ResponseAsync),
        ["ConfigureWeCom"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(t, "main"), m).ResponseAsync),
        ["GetWeCom"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().GetWeComAsync(new GetWeComRequest { TenantId = t, ConnectorId = "main" }, m).ResponseAsync),
        ["GetWeComMember"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().GetWeComMemberAsync(new GetWeComMemberRequest { TenantId = t, ConnectorId = "main", WecomUserid = "u1" }, m).ResponseAsync),
        ["ValidateWeCom"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().ValidateWeComAsync(new ValidateWeComRequest { TenantId = t, ConnectorId = "main" }, m).ResponseAsync),
        ["SetFieldMappings"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().SetFieldMappingsAsync(new SetFieldMappingsRequest { TenantId = t, ConnectorId = "main", FieldMappings = new FieldMappings() }, m).ResponseAsync),
        ["PreviewMapping"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().PreviewMappingAsync(new PreviewMappingRequest { TenantId = t, ConnectorId = "main" }, m).ResponseAsync),
        ["SetThresholds"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().SetThresholdsAsync(new SetThresholdsRequest { TenantId = t, ConnectorId = "main", Thresholds = new SyncThresholds() }, m).ResponseAsync),
        ["SetSchedule"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().SetScheduleAsync(new SetScheduleRequest { TenantId = t, ConnectorId = "main", Schedule = new SyncSchedule() }, m).ResponseAsync),
        ["StartSync"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().StartSyncAsync(new StartSyncRequest { TenantId = t, ConnectorId = "main", DryRun = true }, m).ResponseAsync),
        ["GetSyncRun"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().GetSyncRunAsync(new GetSyncRunRequest { TenantId = t, ConnectorId = "main", RunId = "r" }, m).ResponseAsync),
        ["ListSyncRuns"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().ListSyncRunsAsync(new ListSyncRunsRequest { TenantId = t, ConnectorId = "main" }, m).ResponseAsync),
        ["WatchSyncRun"] = (GridScopes.Admin, (h, t, m) => FirstAsync(h.AdminClient().WatchSyncRun(new WatchSyncRunRequest { TenantId = t, ConnectorId = "main", RunId = "r" }, m))),
        ["ApproveSyncRun"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().ApproveSyncRunAsync(new ApproveSyncRunRequest { TenantId = t, ConnectorId = "main", RunId = "r" }, m).ResponseAsync),
        ["CancelSyncRun"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().CancelSyncRunAsync(new CancelSyncRunRequest { TenantId = t, ConnectorId = "main", RunId = "r" }, m).ResponseAsync),
        ["ListAuditEntries"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().ListAuditEntriesAsync(new ListAuditEntriesRequest { TenantId = t }, m).ResponseAsync),
        ["ListHeldChanges"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().ListHeldChangesAsync(new ListHeldChangesRequest { TenantId = t, ConnectorId = "main" }, m).ResponseAsync),
        ["ApproveHeldChanges"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().ApproveHeldChangesAsync(new ApproveHeldChangesRequest { TenantId = t, ConnectorId = "main", HeldChangeIds = { "h_1" } }, m).ResponseAsync),
        ["DiscardHeldChanges"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().DiscardHeldChangesAsync(new DiscardHeldChangesRequest { TenantId = t, ConnectorId = "main", HeldChangeIds = { "h_1" } }, m).ResponseAsync),
        ["ListWeComEvents"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().ListWeComEventsAsync(new ListWeComEventsRequest { TenantId = t, ConnectorId = "main" }, m).ResponseAsync),
        ["RetryWeComEvent"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().RetryWeComEventAsync(new RetryWeComEventRequest { TenantId = t, ConnectorId = "main", EventId = "1" }, m).ResponseAsync),
        ["SetAccountPassword"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().SetAccountPasswordAsync(new SetAccountPasswordRequest { TenantId = t, AccountId = "acc_x", Password = "long enough" }, m).ResponseAsync),
        ["CreateApplication"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().CreateApplicationAsync(new CreateApplicationRequest { TenantId = t, DisplayName = "x", RedirectUris = { "https://app.example.com/cb" }, Scopes = { "openid" } }, m).ResponseAsync),
        ["ListApplications"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().ListApplicationsAsync(new ListApplicationsRequest { TenantId = t }, m).ResponseAsync),
        ["GetApplication"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().GetApplicationAsync(new GetApplicationRequest { TenantId = t, ClientId = "app_x" }, m).ResponseAsync),
        ["GetClusterStatus"] = (GridScopes.PlatformAdmin, (h, _, m) => h.AdminClient().GetClusterStatusAsync(new GetClusterStatusRequest(), m).ResponseAsync),
        ["DeleteApplication"] = (GridScopes.Admin, (h, t, m) => h.AdminClient().DeleteApplicationAsync(new DeleteApplicationRequest { TenantId = t, ClientId = "app_x" }, m).ResponseAsync),
    };

    // Every sign-in RPC of Auth (IssueToken is the one anonymous RPC and has tests of its own).
    private static readonly Dictionary<string, (string Scope, CallAsync CallAsync)> AuthRpcs = new()
    {
        ["PasswordLogin"] = (GridScopes.AuthFrontend, (h, t, m) => new Auth.AuthClient(h.Channel).PasswordLoginAsync(new PasswordLoginRequest { TenantId = t, ConnectorId = "main", Login = "x", Password = "x" }, m).ResponseAsync),
        ["SendSmsCode"] = (GridScopes.AuthFrontend, (h, t, m) => new Auth.AuthClient(h.Channel).SendSmsCodeAsync(new SendSmsCodeRequest { TenantId = t, ConnectorId = "main", Mobile = "13800000000", Purpose = SmsCodePurpose.Login }, m).ResponseAsync),
        ["SmsLogin"] = (GridScopes.AuthFrontend, (h, t, m) => new Auth.AuthClient(h.Channel).SmsLoginAsync(new SmsLoginRequest { TenantId = t, ConnectorId = "main", Mobile = "13800000000", Code = "123456" }, m).ResponseAsync),
        ["ResetPassword"] = (GridScopes.AuthFrontend, (h, t, m) => new Auth.AuthClient(h.Channel).ResetPasswordAsync(new ResetPasswordRequest { TenantId = t, ConnectorId = "main", Mobile = "13800000000", Code = "123456", NewPassword = "long enough" }, m).ResponseAsync),
        ["RefreshSession"] = (GridScopes.AuthFrontend, (h, t, m) => new Auth.AuthClient(h.Channel).RefreshSessionAsync(new RefreshSessionRequest { TenantId = t, RefreshToken = "x" }, m).ResponseAsync),
        ["ValidateToken"] = (GridScopes.AuthFrontend, (h, t, m) => new Auth.AuthClient(h.Channel).ValidateTokenAsync(new ValidateTokenRequest { TenantId = t, AccessToken = "x" }, m).ResponseAsync),
        ["RevokeSession"] = (GridScopes.AuthFrontend, (h, t, m) => new Auth.AuthClient(h.Channel).RevokeSessionAsync(new RevokeSessionRequest { TenantId = t, SessionId = "ses_x" }, m).ResponseAsync),
        ["BeginWeComLogin"] = (GridScopes.AuthFrontend, (h, t, m) => new Auth.AuthClient(h.Channel).BeginWeComLoginAsync(new BeginWeComLoginRequest { TenantId = t, ConnectorId = "main", Mode = WeComLoginMode.Qr }, m).ResponseAsync),
        ["CompleteWeComLogin"] = (GridScopes.AuthFrontend, (h, t, m) => new Auth.AuthClient(h.Channel).CompleteWeComLoginAsync(new CompleteWeComLoginRequest { TenantId = t, State = "x", Code = "x", BrowserBinding = "x" }, m).ResponseAsync),
    };

    private static readonly Dictionary<string, (string Scope, CallAsync CallAsync)> DirectoryRpcs = new()
    {
        ["GetAccount"] = (GridScopes.DirectoryRead, (h, t, m) => h.DirectoryClient().GetAccountAsync(new GetAccountRequest { TenantId = t, AccountId = "acc_x" }, m).ResponseAsync),
        ["LookupAccount"] = (GridScopes.DirectoryRead, (h, t, m) => h.DirectoryClient().LookupAccountAsync(new LookupAccountRequest { TenantId = t, Username = "x" }, m).ResponseAsync),
        ["ListAccounts"] = (GridScopes.DirectoryRead, (h, t, m) => h.DirectoryClient().ListAccountsAsync(new ListAccountsRequest { TenantId = t }, m).ResponseAsync),
        ["GetOrganization"] = (GridScopes.DirectoryRead, (h, t, m) => h.DirectoryClient().GetOrganizationAsync(new GetOrganizationRequest { TenantId = t, OrganizationId = "org_root" }, m).ResponseAsync),
        ["ListOrganizations"] = (GridScopes.DirectoryRead, (h, t, m) => h.DirectoryClient().ListOrganizationsAsync(new ListOrganizationsRequest { TenantId = t }, m).ResponseAsync),
        ["WatchChanges"] = (GridScopes.DirectoryRead, (h, t, m) => FirstAsync(h.DirectoryClient().WatchChanges(new WatchChangesRequest { TenantId = t, ResumeToken = "0" }, m))),
    };

    public static TheoryData<string> Rpcs() =>
        [.. AdminRpcs.Keys.Select(k => "Admin." + k), .. DirectoryRpcs.Keys.Select(k => "Directory." + k), .. AuthRpcs.Keys.Select(k => "Auth." + k)];

    [Fact]
    public void TheMatrix_CoversEveryRpcOfAdminDirectoryAndSignIn()
    {
        Assert.Equal(Admin.Descriptor.Methods.Select(m => m.Name).Order(), AdminRpcs.Keys.Order());
        Assert.Equal(Contracts.V1.Directory.Descriptor.Methods.Select(m => m.Name).Order(), DirectoryRpcs.Keys.Order());
        Assert.Equal(Auth.Descriptor.Methods.Select(m => m.Name).Where(m => m != "IssueToken").Order(), AuthRpcs.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task EveryRpc_IsRefused_WithoutAToken_ForAnotherTenant_AndWithoutItsScope(string rpc)
    {
        var (scope, call) = Find(rpc);
        var (tenantId, _) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var (_, otherTenantToken) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var otherScopes = GridScopes.All.Where(s => s != scope && s != GridScopes.PlatformAdmin).ToArray();
        var (clientId, secret) = await host.CreateClientAsync(tenantId, otherScopes);
        var wrongScopeToken = await host.IssueTokenAsync(clientId, secret);

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => call(host, tenantId, null));
        var otherTenant = await Assert.ThrowsAsync<RpcException>(() => call(host, tenantId, GridHostFixture.Bearer(otherTenantToken)));
        var wrongScope = await Assert.ThrowsAsync<RpcException>(() => call(host, tenantId, GridHostFixture.Bearer(wrongScopeToken)));

        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherTenant.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, wrongScope.StatusCode);
        Assert.Contains($"'{scope}' scope", wrongScope.Status.Detail, StringComparison.Ordinal);
    }

    private static (string Scope, CallAsync CallAsync) Find(string rpc)
    {
        var (service, method) = (rpc[..rpc.IndexOf('.', StringComparison.Ordinal)], rpc[(rpc.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        return service switch
        {
            "Admin" => AdminRpcs[method],
            "Auth" => AuthRpcs[method],
            _ => DirectoryRpcs[method],
        };
    }

    private static async Task FirstAsync<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
        {
            await call.ResponseStream.MoveNext(CancellationToken.None);
        }
    }
}
