using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Grid.Grains.Sync;
using Grid.WeCom;
using Grid.WeCom.Api;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Benchmarks.Macro;

/// <summary>
/// A full fetch of the generated company from the WeCom simulator over HTTP on 127.0.0.1 by the sync coordinator's
/// own snapshot fetcher (<see cref="WeComSnapshotFetcher"/>): department/list once, user/list per department with
/// SyncOptions.FetchParallelism's default (8) calls in flight, members kept once by userid, then user/list_id page by
/// page to cross-check. The real WeComClient is wired by AddWeComClient with client quotas off (repeated runs would
/// otherwise wait for the per-minute quota) and its token already cached, as in a running silo.
/// Baseline: the same requests with a bare HttpClient, each body read to the end without deserializing (the
/// list_id cursor is picked out of each page): what the simulator and the transport cost alone. Between the two,
/// the same bare requests with the bodies deserialized by System.Text.Json into WeComClient's public records in
/// one pass: what deserialization alone adds, so that the rest of the client's ratio is its own (token cache,
/// resilience pipeline, JsonDocument then records).
/// </summary>
internal static class FetchBenchmark
{
    // The bare baselines make the fetcher's requests with as many in flight.
    private static readonly int Parallelism = new SyncOptions().FetchParallelism;
    private const int UserIdPageSize = WeComClient.MaxUserIdPageSize;

    // WeComClient's wire conventions (its source-generated context is internal).
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static async Task<IReadOnlyList<MacroResult>> RunAsync(SimulatedCompany company, MacroHarness harness)
    {
        await using var host = await WeComSimulatorHost.StartAsync(new SimulatorOptions { Company = company }).ConfigureAwait(false);
        var simulatedApp = company.DefaultApp;
        var app = new WeComApp(company.CorpId, simulatedApp.AgentId.ToString(CultureInfo.InvariantCulture), simulatedApp.Secret);
        // A loaded machine may answer slowly; a timed-out attempt would be retried and distort the figures.
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddWeComClient(host.ClientConfiguration(new Dictionary<string, string?> { ["WeCom:RequestTimeout"] = "00:01:00" }))
            .BuildServiceProvider(validateScopes: true);
        var client = services.GetRequiredService<WeComClient>();
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = host.BaseAddress };
        var token = await GetTokenAsync(http, app).ConfigureAwait(false);
        var departmentIds = company.Departments.Select(department => department.Id).ToArray();
        var members = company.MemberCount;

        var baseline = new MacroCase("bare HttpClient, bodies read to the end", "members", async () =>
        {
            host.Simulator.ResetCallCounts();
            var bytes = await FetchBareAsync(http, token, departmentIds, ReadToEndAsync, ReadCursorAsync).ConfigureAwait(false);
            return new MacroOutcome(members, Work(host, bytes));
        });
        var deserialized = new MacroCase("bare HttpClient + System.Text.Json into WeComUser", "members", async () =>
        {
            host.Simulator.ResetCallCounts();
            var users = new ConcurrentDictionary<string, WeComUser>(StringComparer.OrdinalIgnoreCase);
            var unlisted = 0;
            var bytes = await FetchBareAsync(
                http,
                token,
                departmentIds,
                async (body, ct) =>
                {
                    var list = await JsonSerializer.DeserializeAsync<ListBody>(body, JsonOptions, ct).ConfigureAwait(false);
                    if (list is not { ErrCode: 0 })
                    {
                        throw new InvalidOperationException($"A WeCom call failed: {list?.ErrMsg}");
                    }

                    foreach (var user in list.UserList ?? [])
                    {
                        users.TryAdd(user.UserId, user);
                    }
                },
                async (body, ct) =>
                {
                    var page = await JsonSerializer.DeserializeAsync<UserIdPageBody>(body, JsonOptions, ct).ConfigureAwait(false);
                    if (page is not { ErrCode: 0 })
                    {
                        throw new InvalidOperationException($"user/list_id failed: {page?.ErrMsg}");
                    }

                    foreach (var row in page.DeptUser ?? [])
                    {
                        unlisted += users.ContainsKey(row.UserId) ? 0 : 1;
                    }

                    return page.NextCursor ?? "";
                }).ConfigureAwait(false);
            return users.Count == members && unlisted == 0
                ? new MacroOutcome(members, Work(host, bytes))
                : throw new InvalidOperationException($"Deserialized {users.Count} members of {members}, {unlisted} unlisted.");
        });
        var withClient = new MacroCase("WeComSnapshotFetcher over WeComClient (the sync's fetch)", "members", async () =>
        {
            host.Simulator.ResetCallCounts();
            var fetcher = new WeComSnapshotFetcher(client, Parallelism);
            var snapshot = await fetcher.FetchAsync(app, CancellationToken.None).ConfigureAwait(false);
            return snapshot.Members.Count == members && host.Simulator.CallCounts.GetValueOrDefault("/cgi-bin/user/get") == 0
                ? new MacroOutcome(snapshot.Members.Count, Work(host, bytes: null))
                : throw new InvalidOperationException($"The fetcher fetched {snapshot.Members.Count} members of {members}, some with user/get.");
        });

        return await harness.MeasureAsync(
            $"Full fetch of {members:N0} members / {departmentIds.Length:N0} departments from the simulator over HTTP", baseline, [deserialized, withClient])
            .ConfigureAwait(false);
    }

    // The coordinator's requests without WeComClient: bodies handled by readList (department/list, user/list) and
    // readPage (user/list_id, returns the next cursor). Returns the bytes received.
    private static async Task<long> FetchBareAsync(
        HttpClient http,
        string token,
        int[] departmentIds,
        Func<Stream, CancellationToken, Task> readList,
        Func<Stream, CancellationToken, Task<string>> readPage)
    {
        var query = "?access_token=" + Uri.EscapeDataString(token);
        long bytes = 0;
        async Task GetAsync(string url, CancellationToken cancellationToken)
        {
            using var response = await http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            Interlocked.Add(ref bytes, response.EnsureSuccessStatusCode().Content.Headers.ContentLength ?? 0);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await readList(body, cancellationToken).ConfigureAwait(false);
            }
        }

        await GetAsync("cgi-bin/department/list" + query, CancellationToken.None).ConfigureAwait(false);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism };
        await Parallel.ForEachAsync(departmentIds, options, async (id, ct) =>
            await GetAsync(string.Create(CultureInfo.InvariantCulture, $"cgi-bin/user/list{query}&department_id={id}"), ct).ConfigureAwait(false))
            .ConfigureAwait(false);

        var cursor = "";
        do
        {
            using var request = JsonContent.Create(new Dictionary<string, object> { ["cursor"] = cursor, ["limit"] = UserIdPageSize });
            using var response = await http.PostAsync(new Uri("cgi-bin/user/list_id" + query, UriKind.Relative), request).ConfigureAwait(false);
            bytes += response.EnsureSuccessStatusCode().Content.Headers.ContentLength ?? 0;
            var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                cursor = await readPage(body, CancellationToken.None).ConfigureAwait(false);
            }
        }
        while (cursor.Length > 0);

        return bytes;
    }

    private static async Task ReadToEndAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                // The simulator writes errcode first: a failed call must not pass for a fast one.
                if (total == 0 && !buffer.AsSpan(0, read).StartsWith("{\"errcode\":0,"u8))
                {
                    throw new InvalidOperationException("A WeCom call failed: " + Encoding.UTF8.GetString(buffer, 0, read));
                }

                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The simulator writes next_cursor before the rows: read tokens only until it, never the rows.
    private static async Task<string> ReadCursorAsync(Stream body, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        var reader = new Utf8JsonReader(copy.GetBuffer().AsSpan(0, (int)copy.Length));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("errcode"u8))
            {
                reader.Read();
                if (reader.GetInt32() != 0)
                {
                    throw new InvalidOperationException("user/list_id failed: " + Encoding.UTF8.GetString(copy.GetBuffer(), 0, (int)copy.Length));
                }
            }
            else if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("next_cursor"u8))
            {
                reader.Read();
                return reader.GetString() ?? "";
            }
        }

        throw new InvalidOperationException("user/list_id answered without next_cursor.");
    }

    private static async Task<string> GetTokenAsync(HttpClient http, WeComApp app)
    {
        var url = $"cgi-bin/gettoken?corpid={Uri.EscapeDataString(app.CorpId)}&corpsecret={Uri.EscapeDataString(app.Secret)}";
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(url, UriKind.Relative)).ConfigureAwait(false));
        return document.RootElement.GetProperty("access_token").GetString()
            ?? throw new InvalidOperationException("gettoken answered without access_token.");
    }

    private static string Work(WeComSimulatorHost host, long? bytes)
    {
        var requests = host.Simulator.CallCounts.Values.Sum();
        return bytes is { } read
            ? string.Create(CultureInfo.InvariantCulture, $"{requests:N0} requests, {read / (1024.0 * 1024.0):N1} MB of JSON")
            : string.Create(CultureInfo.InvariantCulture, $"{requests:N0} requests");
    }

    // department/list and user/list answers in one envelope: each fills its own member.
    private sealed record ListBody(
        int ErrCode,
        string? ErrMsg,
        List<WeComDepartment>? Department,
        [property: JsonPropertyName("userlist")] List<WeComUser>? UserList);

    private sealed record UserIdPageBody(int ErrCode, string? ErrMsg, string? NextCursor, List<DeptUser>? DeptUser);
}
