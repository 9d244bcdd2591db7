using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Contracts.V1;
using Grid.Host.Callbacks;
using Grpc.Core;

namespace Grid.Host.Grpc;

// Part of AdminService: WeCom connector settings and field mappings.
internal sealed partial class AdminService
{
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

        return new ConfigureWeComResponse { Connector = WithCallbackUrl(view) };
    }

    public override async Task<GetWeComResponse> GetWeCom(GetWeComRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        var view = await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        return new GetWeComResponse { Connector = WithCallbackUrl(view) };
    }

    public override async Task<GetWeComMemberResponse> GetWeComMember(GetWeComMemberRequest request, ServerCallContext context)
    {
        await access.RequireAsync(context, request.TenantId, GridScopes.Admin);
        if (string.IsNullOrEmpty(request.WecomUserid))
        {
            RpcErrors.InvalidArgument("wecom_userid", "required");
        }

        await RequireConnectorAsync(request.TenantId, request.ConnectorId, context);
        var member = await grains.GetGrain<IWeComMemberGrain>(SyncKeys.Member(request.TenantId, request.ConnectorId, request.WecomUserid))
            .Get().WaitAsync(context.CancellationToken);
        if (member is null)
        {
            RpcErrors.NotFound($"no WeCom member '{request.WecomUserid}' is known to connector '{request.ConnectorId}' of tenant '{request.TenantId}'");
        }

        return new GetWeComMemberResponse { Member = member.ToProto(time.GetUtcNow()) };
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

    private WeComConnector WithCallbackUrl(WeComConnectorView view)
    {
        var connector = view.ToProto();
        connector.CallbackUrl = CallbackUrl.For(publicAddress.Base, view.TenantId, view.ConnectorId).AbsoluteUri;
        return connector;
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
}
