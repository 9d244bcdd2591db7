using System.Collections.Immutable;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.Grains;
using Grid.Contracts.V1;
using Grpc.Core;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.Grpc;

/// <summary>grid.v1.Admin: tenants, service clients, WeCom connectors, sync runs and the audit trail (scope admin).</summary>
internal sealed class AdminService(IGrainFactory grains, GridAccess access, TimeProvider time) : V1.Admin.AdminBase
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

    // ---- WeCom connectors

    public override async Task<ConfigureWeComResponse> ConfigureWeCom(ConfigureWeComRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var connector = Connector(request.TenantId, request.ConnectorId);
        WeComConnectorView view;
        try
        {
            view = await connector.Configure(request.ToDomain(), caller.ClientId).WaitAsync(context.CancellationToken);
        }
        catch (GridException ex) when (ex.Kind == GridErrorKind.InvalidArgument)
        {
            throw InRequestTerms(ex);
        }

        return new ConfigureWeComResponse { Connector = view.ToProto() };
    }

    public override async Task<GetWeComResponse> GetWeCom(GetWeComRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var view = await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        return new GetWeComResponse { Connector = view.ToProto() };
    }

    public override async Task<ValidateWeComResponse> ValidateWeCom(ValidateWeComRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var view = await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);

        var contested = await Connector(request.TenantId, request.ConnectorId).GetContestedTrustedIps().WaitAsync(context.CancellationToken);

        var syncNodeExists = GridKeys.IsValidId(view.SyncNodeOrganizationId)
            && await grains.GetGrain<IOrganizationGrain>(GridKeys.Organization(request.TenantId, view.SyncNodeOrganizationId))
                .Get().WaitAsync(context.CancellationToken) is { IsDeleted: false };
        var findings = WeComValidation.Validate(view, contested.ToHashSet(StringComparer.Ordinal), syncNodeExists);
        var response = new ValidateWeComResponse { Valid = findings.TrueForAll(f => f.Severity != FindingSeverity.Error) };
        response.Findings.AddRange(findings);
        return response;
    }

    public override async Task<SetFieldMappingsResponse> SetFieldMappings(SetFieldMappingsRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var mappings = request.FieldMappings ?? throw RpcErrors.InvalidArgumentException("field_mappings", "required");
        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        WeComConnectorView view;
        try
        {
            view = await Connector(request.TenantId, request.ConnectorId)
                .SetFieldMappings(mappings.ToDomain(), mappings.MatchRule?.ToDomain(), caller.ClientId)
                .WaitAsync(context.CancellationToken);
        }
        catch (GridException ex) when (ex.Kind == GridErrorKind.InvalidArgument)
        {
            throw InRequestTerms(ex);
        }

        return new SetFieldMappingsResponse { FieldMappings = WeComMapper.ToProto(view.FieldMappings, view.MatchRule) };
    }

    public override async Task<PreviewMappingResponse> PreviewMapping(PreviewMappingRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        if (request.SampleSize is < 0 or > MappingPreviewRequest.MaxMembers)
        {
            RpcErrors.InvalidArgument("sample_size", $"must be 0 (the default, 5) to {MappingPreviewRequest.MaxMembers}");
        }

        if (request.Userids.Any(string.IsNullOrWhiteSpace))
        {
            RpcErrors.InvalidArgument("userids", "a userid is empty");
        }

        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);

        // Without proposed mappings the stored mappings and match rule apply; with them, their own match rule (or none).
        var proposed = request.FieldMappings;
        var previews = await grains.GetGrain<IMappingPreviewGrain>(GridKeys.Connector(request.TenantId, request.ConnectorId))
            .PreviewMapping(new MappingPreviewRequest(
                proposed?.ToDomain(), proposed?.MatchRule?.ToDomain(), [.. request.Userids], request.SampleSize))
            .WaitAsync(context.CancellationToken);
        var response = new PreviewMappingResponse();
        response.Members.AddRange(previews.Select(preview => preview.ToProto()));
        return response;
    }

    public override async Task<SetThresholdsResponse> SetThresholds(SetThresholdsRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var thresholds = request.Thresholds ?? throw RpcErrors.InvalidArgumentException("thresholds", "required");
        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        var view = await Connector(request.TenantId, request.ConnectorId)
            .SetThresholds(thresholds.ToDomain(), caller.ClientId).WaitAsync(context.CancellationToken);
        return new SetThresholdsResponse { Thresholds = view.Thresholds.ToProto() };
    }

    public override async Task<SetScheduleResponse> SetSchedule(SetScheduleRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var schedule = request.Schedule ?? throw RpcErrors.InvalidArgumentException("schedule", "required");
        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        var view = await Connector(request.TenantId, request.ConnectorId)
            .SetSchedule(schedule.ToDomain(), caller.ClientId).WaitAsync(context.CancellationToken);
        return new SetScheduleResponse { Schedule = WeComMapper.ToProto(view.Schedule, view.NextScheduledRunAt) };
    }

    // ---- sync runs

    public override async Task<StartSyncResponse> StartSync(StartSyncRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        var run = await Coordinator(request.TenantId, request.ConnectorId)
            .Start(request.DryRun, caller.ClientId).WaitAsync(context.CancellationToken);
        return new StartSyncResponse { Run = run.ToProto() };
    }

    public override async Task<GetSyncRunResponse> GetSyncRun(GetSyncRunRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var coordinator = Coordinator(request.TenantId, request.ConnectorId, request.RunId);
        var run = await coordinator.GetRun(request.RunId).WaitAsync(context.CancellationToken);
        var response = new GetSyncRunResponse { Run = run.ToProto(), PlanStepCount = run.PlanStepCount };
        if (request.IncludePlan)
        {
            var size = Paging.Size(request.PlanPageSize, 100, 1000, "plan_page_size");
            var page = await coordinator.GetPlan(request.RunId, Paging.Token(request.PlanPageToken), size)
                .WaitAsync(context.CancellationToken);
            response.PlanSteps.AddRange(page.Steps.Select(step => step.ToProto()));
            response.NextPlanPageToken = page.NextPageToken;
            response.PlanStepCount = page.TotalSteps;
        }

        return response;
    }

    public override async Task<ListSyncRunsResponse> ListSyncRuns(ListSyncRunsRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        // An unknown connector has no runs, but "none" would hide a typo: NotFound, as GetSyncRun and StartSync say.
        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        var size = Paging.Size(request.PageSize, 20, 200);
        var page = await Coordinator(request.TenantId, request.ConnectorId)
            .ListRuns(Paging.Token(request.PageToken), size).WaitAsync(context.CancellationToken);
        var response = new ListSyncRunsResponse { NextPageToken = page.NextPageToken };
        response.Runs.AddRange(page.Runs.Select(run => run.ToProto()));
        return response;
    }

    public override async Task WatchSyncRun(
        WatchSyncRunRequest request, IServerStreamWriter<WatchSyncRunResponse> responseStream, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var cancel = context.CancellationToken;
        try
        {
            await foreach (var run in Coordinator(request.TenantId, request.ConnectorId, request.RunId)
                .Watch(request.RunId, cancel).WithCancellation(cancel))
            {
                await responseStream.WriteAsync(new WatchSyncRunResponse { Run = run.ToProto() }, cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The caller stopped watching (or its deadline passed); the run goes on.
        }
    }

    public override async Task<ApproveSyncRunResponse> ApproveSyncRun(ApproveSyncRunRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var run = await Coordinator(request.TenantId, request.ConnectorId, request.RunId)
            .Approve(request.RunId, caller.ClientId).WaitAsync(context.CancellationToken);
        return new ApproveSyncRunResponse { Run = run.ToProto() };
    }

    public override async Task<CancelSyncRunResponse> CancelSyncRun(CancelSyncRunRequest request, ServerCallContext context)
    {
        var caller = await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var run = await Coordinator(request.TenantId, request.ConnectorId, request.RunId)
            .Cancel(request.RunId, caller.ClientId, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason)
            .WaitAsync(context.CancellationToken);
        return new CancelSyncRunResponse { Run = run.ToProto() };
    }

    // ---- audit

    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var size = Paging.Size(request.PageSize, 50, 500);
        var before = PageTokens.DecodeOffset(request.PageToken, PageTokens.AuditEntries);
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

        response.NextPageToken = before > 1 ? PageTokens.Encode(PageTokens.AuditEntries, before) : "";
        return response;
    }

    // ---- helpers

    private IWeComConnectorGrain Connector(string tenantId, string connectorId)
    {
        RequireConnectorId(connectorId);
        return grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, connectorId));
    }

    private ISyncCoordinatorGrain Coordinator(string tenantId, string connectorId, string? runId = null)
    {
        RequireConnectorId(connectorId);
        if (runId is not null && string.IsNullOrWhiteSpace(runId))
        {
            RpcErrors.InvalidArgument("run_id", "required");
        }

        return grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(tenantId, connectorId));
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

    // The grain names its own fields; name the request's instead, so the caller can find what to fix.
    private static RpcException InRequestTerms(GridException ex)
    {
        var prefix = ex.Field + ": ";
        var problem = ex.Field is not null && ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message;
        return RpcErrors.InvalidArgumentException(RequestField(ex.Field), problem);
    }

    private static string RequestField(string? grainField) => grainField switch
    {
        not null when grainField.StartsWith("mappings.", StringComparison.Ordinal) => "field_mappings.account." + grainField["mappings.".Length..],
        not null when grainField.StartsWith("organization_mappings.", StringComparison.Ordinal) =>
            "field_mappings.organization." + grainField["organization_mappings.".Length..],
        not null when grainField.StartsWith("match_rule.", StringComparison.Ordinal) => "field_mappings." + grainField,
        null => "settings",
        "encoding_aes_key" => "settings.callback_encoding_aes_key",
        "trusted_domain" => "settings.redirect_domain",
        not null when grainField.StartsWith("egress_ips[", StringComparison.Ordinal) => "settings.trusted_ips" + grainField["egress_ips".Length..],
        "sync_node_organization_id" => "settings.sync_organization_id",
        "display_name" or "corp_id" or "agent_id" or "app_secret" or "callback_token" or "login_page_domain"
            or "authorized_callback_domain" or "features" or "userid_change_mode" => "settings." + grainField,
        _ => grainField,
    };

    // RequestValidationInterceptor has checked a connector id that is set against its rule (RequestLimits).
    private static void RequireConnectorId(string connectorId)
    {
        if (string.IsNullOrEmpty(connectorId))
        {
            RpcErrors.InvalidArgument("connector_id", "required");
        }
    }
}
