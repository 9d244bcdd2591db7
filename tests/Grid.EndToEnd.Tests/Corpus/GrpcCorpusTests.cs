using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grid.Abstractions.Auth;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;

namespace Grid.EndToEnd.Tests.Corpus;

/// <summary>
/// Drives corpus/grpc/*.json (credentials, sizes, enums, page sizes, deadlines) and corpus/configuration/*.json
/// (connector settings that must be refused) through the real gRPC services. Each entry names an RPC, a request in
/// proto JSON (optionally laid over a valid connector configuration), the credential to call with and the expected
/// status and detail; afterwards the tenant's audit log and connector are read back with a valid credential: unchanged.
/// </summary>
[Collection(GridHostCollection.Name)]
public sealed class GrpcCorpusTests(GridHostFixture host)
{
    private const string CorpId = "ww0123456789abcdef";

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    public static TheoryData<string> GrpcEntries => CorpusFiles.Names("grpc");

    public static TheoryData<string> ConfigurationEntries => CorpusFiles.Names("configuration");

    [Theory]
    [MemberData(nameof(GrpcEntries))]
    public Task GrpcCorpusEntry_GetsItsStatus_AndChangesNothing(string name) => RunAsync("grpc", name);

    [Theory]
    [MemberData(nameof(ConfigurationEntries))]
    public Task ConfigurationCorpusEntry_IsRefusedNamingTheSetting_AndChangesNothing(string name) => RunAsync("configuration", name);

    private async Task RunAsync(string area, string name)
    {
        var entry = CorpusFiles.Read<GrpcEntry>(area, name);
        var (tenantId, adminToken) = await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead);
        var admin = GridHostFixture.Bearer(adminToken);
        var ip = "198.51.100." + Random.Shared.Next(1, 250);
        await host.AdminClient().ConfigureWeComAsync(ConnectorSamples.Configure(tenantId, "main", CorpId, ip), admin);
        var before = await ReadBackAsync(tenantId, admin);

        var method = FindMethod(entry.Method);
        var request = Request(entry, method.InputType, tenantId, ip);
        var credential = await CredentialAsync(entry.Token, tenantId, adminToken);
        var deadline = entry.DeadlineMs is { } ms ? DateTime.UtcNow.AddMilliseconds(ms) : (DateTime?)null;

        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(method, request, credential, deadline));

        Assert.True(Enum.Parse<StatusCode>(entry.Expect.Status) == error.StatusCode, $"{name}: expected {entry.Expect.Status}, got {error.StatusCode}: {error.Status.Detail}");
        Assert.True(
            entry.Expect.DetailAny.Length == 0 || entry.Expect.DetailAny.Any(d => error.Status.Detail.Contains(d, StringComparison.Ordinal)),
            $"{name}: the detail '{error.Status.Detail}' names none of {string.Join(" | ", entry.Expect.DetailAny)}");
        if (entry.Expect.Field is { } field)
        {
            Assert.Contains(field, error.GetBadRequest()?.FieldViolations.Select(v => v.Field) ?? []);
        }

        Assert.DoesNotContain(ConnectorSamples.AppSecret, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await ReadBackAsync(tenantId, admin));
    }

    // What a refused call must leave as it was: the audit log (every accepted admin change appends to it) and the
    // connector as GetWeCom shows it.
    private async Task<string> ReadBackAsync(string tenantId, Metadata admin)
    {
        var audit = await host.AdminClient().ListAuditEntriesAsync(new ListAuditEntriesRequest { TenantId = tenantId, PageSize = 500 }, admin);
        var connector = await host.AdminClient().GetWeComAsync(new GetWeComRequest { TenantId = tenantId, ConnectorId = "main" }, admin);
        return Formatter.Format(audit) + Formatter.Format(connector);
    }

    private static MethodDescriptor FindMethod(string name)
    {
        var method = new[] { Admin.Descriptor, Contracts.V1.Directory.Descriptor, Auth.Descriptor }
            .SelectMany(service => service.Methods)
            .SingleOrDefault(m => m.FullName == "grid.v1." + name);
        return method ?? throw new InvalidDataException($"'{name}' is not a Service.Method of grid.v1");
    }

    private static IMessage Request(GrpcEntry entry, MessageDescriptor type, string tenantId, string ip)
    {
        var json = entry.Base switch
        {
            null => new JsonObject(),
            "configure" => JsonNode.Parse(Formatter.Format(ConnectorSamples.Configure(tenantId, "main", CorpId, ip)))!.AsObject(),
            _ => throw new InvalidDataException($"base '{entry.Base}' is configure or absent"),
        };
        Merge(json, entry.Request);
        var text = json.ToJsonString()
            .Replace("{tenant}", tenantId, StringComparison.Ordinal)
            .Replace("{ip}", ip, StringComparison.Ordinal)
            .Replace("{20k}", new string('a', 20_000), StringComparison.Ordinal);
        return JsonParser.Default.Parse(text, type);
    }

    private static void Merge(JsonObject target, JsonObject? overrides)
    {
        foreach (var (key, value) in overrides ?? [])
        {
            if (value is JsonObject inner && target[key] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private async Task<Metadata> CredentialAsync(string kind, string tenantId, string adminToken)
    {
        var now = DateTimeOffset.UtcNow;
        var publicKey = kind == "hs256-public-key" ? await PublicKeyAsync() : [];
        return kind switch
        {
            "admin" => GridHostFixture.Bearer(adminToken),
            "missing" => [],
            "garbage" => GridHostFixture.Bearer("not.a.jwt"),
            "expired" => GridHostFixture.Bearer(await host.SignTokenAsync(tenantId, [GridScopes.Admin], now.AddMinutes(-30), now.AddMinutes(-20))),
            "not-yet-valid" => GridHostFixture.Bearer(await host.SignTokenAsync(tenantId, [GridScopes.Admin], now.AddHours(1), now.AddHours(2))),
            "alg-none" => GridHostFixture.Bearer(Resign(adminToken, "none", _ => [])),
            "hs256-public-key" => GridHostFixture.Bearer(Resign(adminToken, "HS256", data => HMACSHA256.HashData(publicKey, data))),
            "es256-foreign-key" => GridHostFixture.Bearer(Resign(adminToken, "ES256", ForeignSignature)),
            "other-tenant" => GridHostFixture.Bearer((await host.TenantWithTokenAsync(GridScopes.Admin, GridScopes.DirectoryRead)).Token),
            "directory-read-only" => GridHostFixture.Bearer(await host.SignTokenAsync(tenantId, [GridScopes.DirectoryRead], now, now.AddMinutes(5))),
            _ => throw new InvalidDataException($"token '{kind}' is not one the corpus knows"),
        };
    }

    // The real token's claims and key id under another header algorithm and signature.
    private static string Resign(string token, string algorithm, Func<byte[], byte[]> sign)
    {
        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]))!.AsObject();
        header["alg"] = algorithm;
        var signingInput = Base64UrlEncoder.Encode(header.ToJsonString()) + "." + parts[1];
        return signingInput + "." + Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    private static byte[] ForeignSignature(byte[] data)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.SignData(data, HashAlgorithmName.SHA256);
    }

    // The published key as an attacker finds it: the JWKS document's first key, as SubjectPublicKeyInfo bytes.
    private async Task<byte[]> PublicKeyAsync()
    {
        using var http = new HttpClient { BaseAddress = host.HttpAddress };
        var key = new JsonWebKeySet(await http.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative))).Keys[0];
        using var ec = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(key.X), Y = Base64UrlEncoder.DecodeBytes(key.Y) },
        });
        return ec.ExportSubjectPublicKeyInfo();
    }

    private async Task CallAsync(MethodDescriptor method, IMessage request, Metadata credential, DateTime? deadline)
    {
        var client = method.Service.Name switch
        {
            "Admin" => (ClientBase)host.AdminClient(),
            "Directory" => host.DirectoryClient(),
            _ => new Auth.AuthClient(host.Channel),
        };
        var call = client.GetType().GetMethod(method.Name + "Async", [method.InputType.ClrType, typeof(Metadata), typeof(DateTime?), typeof(CancellationToken)])
            ?? throw new InvalidDataException($"{method.FullName} is not a unary RPC");
        var pending = call.Invoke(client, [request, credential, deadline, CancellationToken.None])!;
        await (Task)pending.GetType().GetProperty("ResponseAsync")!.GetValue(pending)!;
    }

    public sealed record GrpcEntry
    {
        public required string Description { get; init; }

        /// <summary>Service.Method, e.g. Admin.GetWeCom.</summary>
        public required string Method { get; init; }

        /// <summary>"configure": the request starts as a valid ConfigureWeCom of connector main; absent: empty.</summary>
        public string? Base { get; init; }

        /// <summary>Proto JSON laid over the base; {tenant}, {ip} and {20k} (20,000 characters) are filled in.</summary>
        public JsonObject? Request { get; init; }

        public string Token { get; init; } = "admin";

        public int? DeadlineMs { get; init; }

        public required Expectation Expect { get; init; }
    }

    public sealed record Expectation
    {
        public required string Status { get; init; }

        public string[] DetailAny { get; init; } = [];

        public string? Field { get; init; }
    }
}
