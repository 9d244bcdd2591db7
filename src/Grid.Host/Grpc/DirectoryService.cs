using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Abstractions.Sync;
using Grid.Grains;
using Grid.Contracts.V1;
using Grpc.Core;
using DirectoryBase = Grid.Contracts.V1.Directory.DirectoryBase;
using DomainExternalId = Grid.Abstractions.Directory.ExternalId;

namespace Grid.Host.Grpc;

/// <summary>grid.v1.Directory: read access to accounts, organizations and the change feed (scope directory.read).</summary>
internal sealed class DirectoryService(IGrainFactory grains, IAccountFinder accounts, GridAccess access, TimeProvider time) : DirectoryBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;
    private const int ChangeBatch = 500;
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(20);

    public override async Task<GetAccountResponse> GetAccount(GetAccountRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.DirectoryRead);
        Require(request.AccountId, "account_id");
        var account = await grains.GetGrain<IAccountGrain>(GridKeys.Account(request.TenantId, request.AccountId))
            .Get().WaitAsync(context.CancellationToken);
        if (account is null || account.Status == Abstractions.Directory.AccountStatus.Deleted)
        {
            RpcErrors.NotFound($"account '{request.AccountId}' does not exist in tenant '{request.TenantId}'");
        }

        return new GetAccountResponse { Account = await WithPersonalEmailAsync(account, context) };
    }

    public override async Task<LookupAccountResponse> LookupAccount(LookupAccountRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.DirectoryRead);
        var (field, raw, described) = request.KeyCase switch
        {
            LookupAccountRequest.KeyOneofCase.Username => (UniqueField.Username, request.Username, "username"),
            LookupAccountRequest.KeyOneofCase.Mobile => (UniqueField.Mobile, request.Mobile, "mobile"),
            LookupAccountRequest.KeyOneofCase.Email => (UniqueField.Email, request.Email, "email"),
            LookupAccountRequest.KeyOneofCase.WecomUserid => (UniqueField.ExternalId, request.WecomUserid, "wecom_userid"),
            _ => throw RpcErrors.InvalidArgumentException("key", "set one of username, wecom_userid, mobile, email"),
        };
        if (string.IsNullOrWhiteSpace(raw))
        {
            RpcErrors.InvalidArgument(described, "must not be empty");
        }

        var value = field == UniqueField.ExternalId ? await WeComExternalIdAsync(request, context) : raw;
        var account = await accounts.FindAsync(request.TenantId, field, value).WaitAsync(context.CancellationToken);
        if (account is null)
        {
            RpcErrors.NotFound($"no account with {described} '{raw}' in tenant '{request.TenantId}'");
        }

        var response = new LookupAccountResponse { Account = await WithPersonalEmailAsync(account, context) };
        if (field == UniqueField.ExternalId)
        {
            var member = await grains.GetGrain<IWeComMemberGrain>(SyncKeys.Member(request.TenantId, request.ConnectorId, raw))
                .Get().WaitAsync(context.CancellationToken);
            response.WecomConsent = member.ToConsent(time.GetUtcNow());
        }

        return response;
    }

    // The account with its personal email, unless WeCom provides one (which wins).
    private async Task<Account> WithPersonalEmailAsync(AccountView view, ServerCallContext context)
    {
        var account = view.ToProto();
        if (account.Email.Length == 0
            && !view.HasNoPersonalEmail
            && await grains.GetGrain<IPersonalEmailGrain>(GridKeys.Account(view.TenantId, view.AccountId)).Get().WaitAsync(context.CancellationToken) is { } personal)
        {
            account.PersonalEmail = personal.Address;
            account.PersonalEmailVerified = personal.Verified;
        }

        return account;
    }

    public override async Task<ListAccountsResponse> ListAccounts(ListAccountsRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.DirectoryRead);
        var size = Paging.Size(request.PageSize, DefaultPageSize, MaxPageSize);
        var query = Query(request.TenantId);
        AccountPage page;
        if (string.IsNullOrEmpty(request.OrganizationId))
        {
            page = await query.ListAccounts(Paging.Token(request.PageToken), size).WaitAsync(context.CancellationToken);
        }
        else
        {
            await RequireOrganizationAsync(request.TenantId, request.OrganizationId, context);
            page = await query.ListMembers(request.OrganizationId, Paging.Token(request.PageToken), size)
                .WaitAsync(context.CancellationToken);
        }

        var response = new ListAccountsResponse { NextPageToken = page.NextPageToken ?? "" };
        response.Accounts.AddRange(page.Items.Select(account => account.ToProto()));
        return response;
    }

    public override async Task<GetOrganizationResponse> GetOrganization(GetOrganizationRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.DirectoryRead);
        Require(request.OrganizationId, "organization_id");
        var grain = grains.GetGrain<IOrganizationGrain>(GridKeys.Organization(request.TenantId, request.OrganizationId));
        var organization = await RequireOrganizationAsync(request.TenantId, request.OrganizationId, context);
        var children = await grain.ListChildren().WaitAsync(context.CancellationToken);
        var response = new GetOrganizationResponse { Organization = organization.ToProto() };
        response.Children.AddRange(children.Select(child => child.ToProto()));
        return response;
    }

    public override async Task<ListOrganizationsResponse> ListOrganizations(ListOrganizationsRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.DirectoryRead);
        var size = Paging.Size(request.PageSize, DefaultPageSize, MaxPageSize);
        var query = Query(request.TenantId);
        OrganizationPage page;
        switch (request.ScopeCase)
        {
            case ListOrganizationsRequest.ScopeOneofCase.ParentId:
                Require(request.ParentId, "parent_id");
                await RequireOrganizationAsync(request.TenantId, request.ParentId, context);
                page = await query.ListChildren(request.ParentId, Paging.Token(request.PageToken), size)
                    .WaitAsync(context.CancellationToken);
                break;
            case ListOrganizationsRequest.ScopeOneofCase.WholeTree when request.WholeTree:
                page = await query.ListOrganizations(Paging.Token(request.PageToken), size).WaitAsync(context.CancellationToken);
                break;
            default:
                throw RpcErrors.InvalidArgumentException("scope", "set parent_id, or whole_tree to true");
        }

        var response = new ListOrganizationsResponse { NextPageToken = page.NextPageToken ?? "" };
        response.Organizations.AddRange(page.Items.Select(organization => organization.ToProto()));
        return response;
    }

    public override async Task WatchChanges(
        WatchChangesRequest request, IServerStreamWriter<WatchChangesResponse> responseStream, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.DirectoryRead);
        var cancel = context.CancellationToken;
        var feed = grains.GetGrain<IChangeFeedGrain>(GridKeys.Tenant(request.TenantId));
        var after = string.IsNullOrEmpty(request.ResumeToken)
            ? await feed.GetLastSequence().WaitAsync(cancel)
            : PageTokens.DecodeResumeToken(request.ResumeToken);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var page = await feed.Read(after, ChangeBatch).WaitAsync(cancel);
                foreach (var entry in page.Entries)
                {
                    await responseStream.WriteAsync(entry.ToProto(), cancel);
                    after = entry.Sequence;
                }

                if (page.Entries.IsEmpty)
                {
                    await feed.WaitForNew(after, LongPoll).WaitAsync(cancel);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The caller hung up or its deadline passed: gRPC reports that status itself.
        }
    }

    private IDirectoryQueryGrain Query(string tenantId) => grains.GetGrain<IDirectoryQueryGrain>(GridKeys.Tenant(tenantId));

    private async Task<OrganizationView> RequireOrganizationAsync(string tenantId, string organizationId, ServerCallContext context)
    {
        var organization = await grains.GetGrain<IOrganizationGrain>(GridKeys.Organization(tenantId, organizationId))
            .Get().WaitAsync(context.CancellationToken);
        if (organization is null || organization.IsDeleted)
        {
            RpcErrors.NotFound($"organization '{organizationId}' does not exist in tenant '{tenantId}'");
        }

        return organization;
    }

    private async Task<string> WeComExternalIdAsync(LookupAccountRequest request, ServerCallContext context)
    {
        Require(request.ConnectorId, "connector_id");
        var connector = await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(request.TenantId, request.ConnectorId))
            .Get().WaitAsync(context.CancellationToken);
        if (connector is null)
        {
            RpcErrors.NotFound($"connector '{request.ConnectorId}' does not exist in tenant '{request.TenantId}'");
        }

        return DomainExternalId.ForWeCom(connector.CorpId, request.WecomUserid).ToString();
    }

    // RequestValidationInterceptor has checked an id that is set against its rule (RequestLimits).
    private static void Require(string id, string field)
    {
        if (string.IsNullOrEmpty(id))
        {
            RpcErrors.InvalidArgument(field, "required");
        }
    }
}
