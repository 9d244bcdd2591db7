using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Oidc;
using Grid.Grains;
using Grpc.Core;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.Grpc;

/// <summary>grid.v1.Admin, OpenID Connect applications of a tenant (scope admin; the grains audit the changes).</summary>
internal sealed partial class AdminService
{
    public override async Task<V1.CreateApplicationResponse> CreateApplication(V1.CreateApplicationRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var created = await grains.GetGrain<IOidcApplicationGrain>(OidcClientIds.Key(request.TenantId, OidcClientIds.New())).Create(
            new OidcApplicationRegistration(
                request.DisplayName,
                request.PublicClient,
                [.. request.RedirectUris],
                [.. request.PostLogoutRedirectUris],
                [.. request.Scopes],
                request.ConsentRequired,
                caller.ClientId)).WaitAsync(context.CancellationToken);
        return new V1.CreateApplicationResponse
        {
            Application = ToProto(created.Application),
            ClientSecret = created.ClientSecret ?? "",
            Issuer = new Uri(publicAddress.Base, $"t/{Uri.EscapeDataString(request.TenantId)}/").AbsoluteUri,
        };
    }

    public override async Task<V1.ListApplicationsResponse> ListApplications(V1.ListApplicationsRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var size = Paging.Size(request.PageSize, 50, 500);
        var kind = PageTokens.Applications(request.TenantId);
        var after = PageTokens.Decode(request.PageToken, kind);
        var ids = await grains.GetGrain<IOidcApplicationCatalogGrain>(GridKeys.Tenant(request.TenantId)).List(after, size + 1)
            .WaitAsync(context.CancellationToken);
        var page = ids.Take(size).ToList();
        var applications = await Task.WhenAll(page.Select(id => grains.GetGrain<IOidcApplicationGrain>(OidcClientIds.Key(request.TenantId, id)).Get()))
            .WaitAsync(context.CancellationToken);
        var response = new V1.ListApplicationsResponse
        {
            NextPageToken = ids.Length > size ? PageTokens.Encode(kind, page[^1]) : "",
        };
        response.Applications.AddRange(applications.OfType<OidcApplication>().Select(ToProto));
        return response;
    }

    public override async Task<V1.GetApplicationResponse> GetApplication(V1.GetApplicationRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var application = await ApplicationGrain(request.TenantId, request.ClientId).Get().WaitAsync(context.CancellationToken);
        if (application is null)
        {
            RpcErrors.NotFound($"application '{request.ClientId}' does not exist in tenant '{request.TenantId}'");
        }

        return new V1.GetApplicationResponse { Application = ToProto(application) };
    }

    public override async Task<V1.DeleteApplicationResponse> DeleteApplication(V1.DeleteApplicationRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        if (!await ApplicationGrain(request.TenantId, request.ClientId).Delete(caller.ClientId).WaitAsync(context.CancellationToken))
        {
            RpcErrors.NotFound($"application '{request.ClientId}' does not exist in tenant '{request.TenantId}'");
        }

        return new V1.DeleteApplicationResponse { ClientId = request.ClientId };
    }

    private IOidcApplicationGrain ApplicationGrain(string tenantId, string clientId)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            RpcErrors.InvalidArgument("client_id", "required");
        }

        return grains.GetGrain<IOidcApplicationGrain>(OidcClientIds.Key(tenantId, clientId));
    }

    private static V1.Application ToProto(OidcApplication application) => new()
    {
        ClientId = application.ClientId,
        DisplayName = application.DisplayName,
        PublicClient = application.IsPublic,
        RedirectUris = { application.RedirectUris },
        PostLogoutRedirectUris = { application.PostLogoutRedirectUris },
        Scopes = { application.Scopes },
        ConsentRequired = application.ConsentRequired,
        CreatedAt = Timestamp.FromDateTimeOffset(application.CreatedAt),
        CreatedBy = application.CreatedBy,
    };
}
