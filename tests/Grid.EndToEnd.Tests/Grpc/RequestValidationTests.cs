using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.Grpc;

/// <summary>Bounded, validated input at the gRPC edge, through the real host.</summary>
[Collection(GridHostCollection.Name)]
public sealed class RequestValidationTests(GridHostFixture host)
{
    private static readonly ServiceDescriptor[] Services = [Admin.Descriptor, Contracts.V1.Directory.Descriptor, Auth.Descriptor];

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("lower(", depth)) + "userid" + new string(')', depth);

    [Fact]
    public async Task EveryRpc_WithA20KbId_IsInvalidArgumentWithAShortMessage_AndTheChannelStillWorks()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);
        var invoker = host.Channel.CreateCallInvoker();
        var huge = new string('a', 20 * 1024);

        foreach (var method in Services.SelectMany(service => service.Methods))
        {
            var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
            var idField = method.InputType.FindFieldByName("tenant_id") ?? method.InputType.FindFieldByName("client_id");
            if (idField is null)
            {
                // A request that names nothing (Admin.GetClusterStatus) has no string to make huge: it must stay so.
                Assert.True(
                    method.InputType.Fields.InFieldNumberOrder().All(field => field.FieldType != FieldType.String),
                    $"{method.FullName} takes a string but neither tenant_id nor client_id");
                continue;
            }

            idField.Accessor.SetValue(request, huge);

            var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(invoker, method, request, auth));

            Assert.True(StatusCode.InvalidArgument == error.StatusCode, $"{method.FullName}: {error.Status}");
            Assert.True(error.Status.Detail.Length < 200, $"{method.FullName}: a message of {error.Status.Detail.Length} characters");
            var violation = Assert.Single(error.GetBadRequest()!.FieldViolations);
            Assert.Equal(idField.Name, violation.Field);
            Assert.DoesNotContain(huge[..100], violation.Description, StringComparison.Ordinal);
            var next = await host.AdminClient().ListAuditEntriesAsync(new ListAuditEntriesRequest { TenantId = tenantId }, auth);
            Assert.NotNull(next);
        }
    }

    [Fact]
    public async Task ARequestOverOneMegabyte_IsRefusedBeforeItIsRead_AndTheChannelStillWorks()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var configure = ConnectorSamples.Configure(tenantId, "main");
        configure.Settings.DisplayName = new string('n', 2 * 1024 * 1024);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(configure, auth).ResponseAsync);
        var next = await host.AdminClient().ListAuditEntriesAsync(new ListAuditEntriesRequest { TenantId = tenantId }, auth);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Empty(next.Entries);
    }

    [Fact]
    public void NoRequestHasAMapField_WhichTheValidatorDoesNotWalk()
    {
        var requests = Services.SelectMany(service => service.Methods).Select(method => method.InputType).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (requests.Count > 0)
        {
            var message = requests[^1];
            requests.RemoveAt(requests.Count - 1);
            if (!seen.Add(message.FullName))
            {
                continue;
            }

            foreach (var field in message.Fields.InDeclarationOrder())
            {
                Assert.False(field.IsMap, $"{field.FullName} is a map");
                if (field.FieldType == FieldType.Message)
                {
                    requests.Add(field.MessageType);
                }
            }
        }
    }

    [Fact]
    public async Task SetFieldMappingsAndPreviewMapping_WithAnExpressionNested20000Deep_AreInvalidArgument_AndTheHostAnswersTheNextCall()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.ForSimulator(host, tenantId, "main"), auth);
        FieldMappings Mappings(string expression) => new()
        {
            Account =
            {
                new FieldMapping { Target = "username", Expression = expression },
                new FieldMapping { Target = "display_name", Expression = "name" },
            },
            Organization = { new FieldMapping { Target = "name", Expression = "name" } },
        };

        var set = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().SetFieldMappingsAsync(
            new SetFieldMappingsRequest { TenantId = tenantId, ConnectorId = "main", FieldMappings = Mappings(Nested(20_000)) }, auth).ResponseAsync);
        var preview = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().PreviewMappingAsync(
            new PreviewMappingRequest { TenantId = tenantId, ConnectorId = "main", FieldMappings = Mappings(Nested(20_000)) }, auth).ResponseAsync);
        var tooDeep = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().SetFieldMappingsAsync(
            new SetFieldMappingsRequest { TenantId = tenantId, ConnectorId = "main", FieldMappings = Mappings(Nested(40)) }, auth).ResponseAsync);
        var previewTooDeep = await host.AdminClient().PreviewMappingAsync(
            new PreviewMappingRequest { TenantId = tenantId, ConnectorId = "main", SampleSize = 1, FieldMappings = Mappings(Nested(40)) }, auth);
        var stillThere = await host.AdminClient().GetWeComAsync(new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, auth);

        foreach (var error in new[] { set, preview })
        {
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal("field_mappings.account[0].expression", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
            Assert.Contains("at most 1024", error.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(StatusCode.InvalidArgument, tooDeep.StatusCode);
        Assert.Equal("field_mappings.account.username", tooDeep.GetBadRequest()!.FieldViolations[0].Field);
        Assert.Contains("nested deeper than 32 levels", tooDeep.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("nested deeper than 32 levels", Assert.Single(previewTooDeep.Members).Errors["username"], StringComparison.Ordinal);
        Assert.Equal("userid", stillThere.Connector.FieldMappings.Account.Single(m => m.Target == "username").Expression);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("Main")]
    [InlineData("main_1")]
    [InlineData("a-connector-id-that-is-longer-than-forty-c")]
    public async Task ConfigureWeCom_WithAConnectorIdTheProtoForbids_IsInvalidArgumentNamingConnectorId(string connectorId)
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(
            ConnectorSamples.Configure(tenantId, connectorId), GridHostFixture.Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("connector_id", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
    }

    [Fact]
    public async Task IdsOfEveryKind_FollowTheirRule()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var auth = GridHostFixture.Bearer(token);

        var organization = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().GetOrganizationAsync(
            new GetOrganizationRequest { TenantId = tenantId, OrganizationId = ".." }, auth).ResponseAsync);
        var userid = await Assert.ThrowsAsync<RpcException>(() => host.DirectoryClient().LookupAccountAsync(
            new LookupAccountRequest { TenantId = tenantId, ConnectorId = "main", WecomUserid = "zhang san" }, auth).ResponseAsync);
        var client = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().RevokeServiceClientAsync(
            new RevokeServiceClientRequest { TenantId = tenantId, ClientId = "gc/../x" }, auth).ResponseAsync);
        var tenant = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().GetWeComAsync(
            new GetWeComRequest { TenantId = "Acme", ConnectorId = "main" }, auth).ResponseAsync);

        Assert.Equal("organization_id", Assert.Single(organization.GetBadRequest()!.FieldViolations).Field);
        Assert.Equal("wecom_userid", Assert.Single(userid.GetBadRequest()!.FieldViolations).Field);
        Assert.Equal("client_id", Assert.Single(client.GetBadRequest()!.FieldViolations).Field);
        Assert.Equal("tenant_id", Assert.Single(tenant.GetBadRequest()!.FieldViolations).Field);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("nul\0")]
    [InlineData("c1\u0085")]
    [InlineData("escape\u001b[31m")]
    public async Task ControlCharactersInIdsAndNames_AreInvalidArgument_AndChangeNothing(string bad)
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var configure = ConnectorSamples.Configure(tenantId, "main");
        configure.Settings.DisplayName = bad;

        var name = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(configure, auth).ResponseAsync);
        var client = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().CreateServiceClientAsync(
            new CreateServiceClientRequest { TenantId = tenantId, DisplayName = bad, Scopes = { GridScopes.Admin } }, auth).ResponseAsync);
        var tenant = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().GetWeComAsync(
            new GetWeComRequest { TenantId = tenantId + bad, ConnectorId = "main" }, auth).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().GetWeComAsync(
            new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, auth).ResponseAsync);

        Assert.Equal("settings.display_name", Assert.Single(name.GetBadRequest()!.FieldViolations).Field);
        Assert.Contains("control character", name.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("display_name", Assert.Single(client.GetBadRequest()!.FieldViolations).Field);
        Assert.Equal("tenant_id", Assert.Single(tenant.GetBadRequest()!.FieldViolations).Field);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AnEnumValueOutsideTheProto_IsInvalidArgumentNamingTheField()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var configure = ConnectorSamples.Configure(tenantId, "main");
        configure.Settings.UseridChangeMode = (UserIdChangeMode)99;
        var unspecified = ConnectorSamples.Configure(tenantId, "main");
        unspecified.Settings.UseridChangeMode = UserIdChangeMode.Unspecified;

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(configure, auth).ResponseAsync);
        var byDefault = await host.AdminClient().ConfigureWeComAsync(unspecified, auth);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("settings.userid_change_mode", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
        Assert.Contains("99 is not a value of UserIdChangeMode", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(UserIdChangeMode.Rebind, byDefault.Connector.Settings.UseridChangeMode);
    }

    [Fact]
    public async Task RepeatedFields_AreBounded_AndDuplicatesRemoved()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var auth = GridHostFixture.Bearer(token);
        var tooMany = ConnectorSamples.Configure(tenantId, "main");
        tooMany.Settings.TrustedIps.AddRange(Enumerable.Range(0, 100).Select(i => $"198.51.100.{i}"));
        var twice = ConnectorSamples.Configure(tenantId, "main", "ww0123456789abcdef", "203.0.113.77", "203.0.113.77");

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(tooMany, auth).ResponseAsync);
        var configured = await host.AdminClient().ConfigureWeComAsync(twice, auth);
        var client = await host.AdminClient().CreateServiceClientAsync(new CreateServiceClientRequest
        {
            TenantId = tenantId, DisplayName = "reader", Scopes = { GridScopes.DirectoryRead, GridScopes.DirectoryRead },
        }, auth);

        Assert.Equal("settings.trusted_ips", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
        Assert.Contains("101 values, at most 100", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(["203.0.113.77"], configured.Connector.Settings.TrustedIps);
        Assert.Equal([GridScopes.DirectoryRead], client.Credential.Scopes);
    }

    [Fact]
    public async Task ManyProblems_AreCappedAtTenViolations_AndCountedInTheMessage()
    {
        var (tenantId, token) = await host.TenantWithTokenAsync(GridScopes.Admin);
        var configure = ConnectorSamples.Configure(tenantId, "main");
        configure.Settings.TrustedIps.Clear();
        configure.Settings.TrustedIps.AddRange(Enumerable.Range(0, 15).Select(i => new string('9', 100 + i)));

        var error = await Assert.ThrowsAsync<RpcException>(() => host.AdminClient().ConfigureWeComAsync(
            configure, GridHostFixture.Bearer(token)).ResponseAsync);

        var violations = error.GetBadRequest()!.FieldViolations;
        Assert.Equal(11, violations.Count);
        Assert.Equal("settings.trusted_ips[0]", violations[0].Field);
        Assert.Equal(new BadRequest.Types.FieldViolation { Field = "request", Description = "and 5 more" }, violations[10]);
        Assert.Equal("settings.trusted_ips[0]: 100 characters, at most 64 (and 14 more problems)", error.Status.Detail);
    }

    private static async Task CallAsync(CallInvoker invoker, MethodDescriptor method, IMessage request, Metadata auth)
    {
        var call = new Method<IMessage, IMessage>(
            method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
            method.Service.FullName,
            method.Name,
            Marshal(method.InputType),
            Marshal(method.OutputType));
        var options = new CallOptions(auth, DateTime.UtcNow.AddSeconds(30));
        if (method.IsServerStreaming)
        {
            using var stream = invoker.AsyncServerStreamingCall(call, null, options, request);
            await stream.ResponseStream.MoveNext(CancellationToken.None);
        }
        else
        {
            await invoker.AsyncUnaryCall(call, null, options, request);
        }
    }

    private static Marshaller<IMessage> Marshal(MessageDescriptor type) =>
        Marshallers.Create(message => message.ToByteArray(), bytes => type.Parser.ParseFrom(bytes));
}
