using System.Collections.Immutable;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Tenants;
using Grid.Grains;
using Grid.Host.Hosting;
using Grid.Contracts.V1;
using Grpc.Core;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.Grpc;

/// <summary>grid.v1.Admin: tenants, service clients, WeCom connectors, sync runs, the audit trail (scope admin) and the cluster's status.</summary>
internal sealed partial class AdminService(
    IGrainFactory grains, GridAccess access, GridPublicAddress publicAddress, ClusterStatusReader cluster, TimeProvider time)
    : V1.Admin.AdminBase
{
    private static readonly string[] GrantableScopes = [GridScopes.Admin, GridScopes.DirectoryRead, GridScopes.AuthFrontend];

    // ---- tenants and service clients

    public override async Task<CreateTenantResponse> CreateTenant(CreateTenantRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.PlatformAdmin);
        if (string.IsNullOrWhiteSpace(request.DisplayName))
        {
            RpcErrors.InvalidArgument("display_name", "required");
        }

        // One grain call that creates everything, serialized in the tenant grain (of parallel calls one succeeds, the
        // others are ALREADY_EXISTS) and finished by it once started: the call's cancellation only ends the wait.
        var created = await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(request.TenantId))
            .CreateWithAdmin(request.DisplayName, string.IsNullOrEmpty(request.TimeZone) ? "UTC" : request.TimeZone, caller.ClientId)
            .WaitAsync(context.CancellationToken);
        var tenant = created.Tenant;
        return new CreateTenantResponse
        {
            Tenant = new V1.Tenant
            {
                TenantId = tenant.TenantId,
                DisplayName = tenant.DisplayName,
                TimeZone = tenant.TimeZoneId,
                RootOrganizationId = tenant.RootOrganizationId,
                CreatedAt = Timestamp.FromDateTimeOffset(tenant.CreatedAt),
            },
            AdminClient = ToCredential(created.Admin),
        };
    }

    public override async Task<ResetTenantAdminResponse> ResetTenantAdmin(ResetTenantAdminRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.PlatformAdmin);
        var admin = await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(request.TenantId))
            .ResetAdmin(caller.ClientId).WaitAsync(context.CancellationToken);
        return new ResetTenantAdminResponse { AdminClient = ToCredential(admin) };
    }

    public override async Task<CreateServiceClientResponse> CreateServiceClient(CreateServiceClientRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        if (request.Scopes.Count == 0)
        {
            RpcErrors.InvalidArgument("scopes", $"at least one scope is required ({string.Join(", ", GrantableScopes)})");
        }

        foreach (var scope in request.Scopes)
        {
            if (!GrantableScopes.Contains(scope, StringComparer.Ordinal))
            {
                RpcErrors.InvalidArgument("scopes", $"'{scope}' cannot be granted (grantable: {string.Join(", ", GrantableScopes)})");
            }
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName))
        {
            RpcErrors.InvalidArgument("display_name", "required");
        }

        await RequireTenantAsync(request.TenantId, context);

        // Not abandoned when the caller gives up: a client is made and audited together, and with a request id a
        // retry gets the client back with a new secret.
        var scopes = request.Scopes.ToImmutableArray();
        var clientId = request.RequestId.Length == 0
            ? ServiceClientIds.New(request.TenantId)
            : ServiceClientIds.ForRequest(request.TenantId, caller.ClientId, request.RequestId);
        var issued = await grains.GetGrain<IServiceClientGrain>(clientId)
            .Issue(new ServiceClientRegistration(request.TenantId, request.DisplayName, scopes, caller.ClientId), request.RequestId);
        var credential = ToCredential(new IssuedServiceClient(clientId, issued.Secret, request.TenantId, request.DisplayName, scopes));
        return new CreateServiceClientResponse { Credential = credential };
    }

    public override async Task<RevokeServiceClientResponse> RevokeServiceClient(RevokeServiceClientRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        if (string.IsNullOrEmpty(request.ClientId))
        {
            RpcErrors.InvalidArgument("client_id", "required");
        }

        var client = grains.GetGrain<IServiceClientGrain>(request.ClientId);
        var info = await client.Get().WaitAsync(context.CancellationToken);

        // A client of another tenant is reported as unknown: its existence is not this tenant's business.
        if (info is null || !string.Equals(info.TenantId, request.TenantId, StringComparison.Ordinal))
        {
            RpcErrors.NotFound($"service client '{request.ClientId}' does not exist in tenant '{request.TenantId}'");
        }

        var revokedAt = await client.Revoke(caller.ClientId, audited: true).WaitAsync(context.CancellationToken);
        return new RevokeServiceClientResponse { RevokedAt = Timestamp.FromDateTimeOffset(revokedAt ?? time.GetUtcNow()) };
    }

    // ---- audit

    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var size = Paging.Size(request.PageSize, 50, 500);
        var before = PageTokens.DecodeOffset(request.PageToken, PageTokens.AuditEntries(request.TenantId, request.ConnectorId));
        string? target = null;
        if (!string.IsNullOrEmpty(request.ConnectorId))
        {
            target = $"connector/{request.ConnectorId}";
        }

        var log = grains.GetGrain<IAuditLogGrain>(GridKeys.Tenant(request.TenantId));
        var response = new ListAuditEntriesResponse();

        // With a connector filter a page may need several reads; a bounded number keeps one call short, and a
        // short page with a next token is a valid page.
        for (var reads = 0; reads < 10 && response.Entries.Count < size; reads++)
        {
            var page = await log.ReadBackward(before, size).WaitAsync(context.CancellationToken);
            foreach (var entry in page.Entries)
            {
                before = entry.Sequence;
                if (target is null || entry.Target.StartsWith(target, StringComparison.Ordinal))
                {
                    response.Entries.Add(new V1.AuditEntry
                    {
                        EntryId = entry.Sequence.ToString(CultureInfo.InvariantCulture),
                        OccurredAt = Timestamp.FromDateTimeOffset(entry.At),
                        Actor = entry.Actor,
                        Action = entry.Action,
                        Target = entry.Target,
                        Summary = entry.Summary,
                    });
                    if (response.Entries.Count == size)
                    {
                        break;
                    }
                }
            }

            if (page.Entries.IsEmpty || before <= 1)
            {
                before = 0;
                break;
            }
        }

        response.NextPageToken = before > 1 ? PageTokens.Encode(PageTokens.AuditEntries(request.TenantId, request.ConnectorId), before) : "";
        return response;
    }

    // ---- helpers

    private IWeComConnectorGrain Connector(string tenantId, string connectorId)
    {
        RequireConnectorId(connectorId);
        return grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, connectorId));
    }

    private async Task<WeComConnectorView> RequireConnectorAsync(string tenantId, string connectorId, ServerCallContext context)
    {
        var view = await Connector(tenantId, connectorId).Get().WaitAsync(context.CancellationToken);
        if (view is null)
        {
            RpcErrors.NotFound($"connector '{connectorId}' does not exist in tenant '{tenantId}'");
        }

        return view;
    }

    private async Task RequireTenantAsync(string tenantId, ServerCallContext context)
    {
        if (!await grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Exists().WaitAsync(context.CancellationToken))
        {
            throw RpcErrors.FromGridException(GridException.UnknownTenant(tenantId));
        }
    }

    private static ServiceClientCredential ToCredential(IssuedServiceClient client)
    {
        var credential = new ServiceClientCredential
        {
            ClientId = client.ClientId, ClientSecret = client.Secret, TenantId = client.TenantId, DisplayName = client.DisplayName,
        };
        credential.Scopes.AddRange(client.Scopes);
        return credential;
    }

    // RequestValidationInterceptor has checked a connector id that is set against its rule (RequestLimits).
    private static void RequireConnectorId(string connectorId)
    {
        if (string.IsNullOrEmpty(connectorId))
        {
            RpcErrors.InvalidArgument("connector_id", "required");
        }
    }
}
