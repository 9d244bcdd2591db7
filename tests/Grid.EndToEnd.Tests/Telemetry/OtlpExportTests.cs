using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Grid.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.EndToEnd.Tests.Telemetry;

/// <summary>
/// With Grid:Telemetry:Otlp:Endpoint set, the host exports over OTLP (http/protobuf here) to a collector: a stand-in
/// on loopback records what arrives. Traces come within the batch delay; metrics and logs at the latest when the host
/// stops (the providers flush then). Log records carry their scopes (tenant and connector) as attributes.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task WithAnOtlpEndpoint_TracesOfHttpRequests_AndMetrics_ReachTheCollector()
    {
        var received = new ConcurrentQueue<(string Signal, string ContentType, byte[] Body)>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((signal, request.ContentType ?? "", body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        var collectorAddress = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var workDirectory = Directory.CreateTempSubdirectory("grid-otlp-").FullName;
        try
        {
            var host = await InProcessGridHost.StartAsync(
            [
                .. GridHostArguments.Dev(Path.Combine(workDirectory, "credentials.json")),
                $"--Grid:Telemetry:Otlp:Endpoint={collectorAddress}",
                "--Grid:Telemetry:Otlp:Protocol=http/protobuf",
            ]);
            await using (host)
            {
                using var http = new HttpClient { BaseAddress = host.HttpAddress };
                (await http.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative))).EnsureSuccessStatusCode();

                // Refused (no such tenant) with a Warning, logged inside the receiver's scope of tenant and connector.
                using var refused = await http.PostAsync(new Uri("/t/otlp-scope-tenant/wecom/main/events", UriKind.Relative), new StringContent("<xml/>"));
                Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
                await Eventually.MatchAsync(
                    () => Task.FromResult(received.Any(r => r.Signal == "traces" && Contains(r.Body, "/.well-known/jwks.json"))),
                    found => found, TimeSpan.FromSeconds(30), "the JWKS request's span at the collector",
                    _ => string.Join(", ", received.Select(r => r.Signal)));
            }

            Assert.Contains(received, r => r.Signal == "metrics" && Contains(r.Body, "grid") && Contains(r.Body, "http.server.request.duration"));
            Assert.All(received, r => Assert.Equal("application/x-protobuf", r.ContentType));
            Assert.Contains(received, r => r.Signal == "logs" && Contains(r.Body, "grid.tenant") && Contains(r.Body, "otlp-scope-tenant")
                && Contains(r.Body, "grid.connector"));
            Assert.Contains(received, r => r.Signal == "traces" && Contains(r.Body, "service.name") && Contains(r.Body, "grid"));
            Assert.DoesNotContain(received, r => r.Signal == "traces" && Contains(r.Body, "/healthz"));
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
