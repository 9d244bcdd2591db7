using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Grid.WeCom.Api;

/// <summary>
/// Typed client of WeCom's server API (<c>WeCom:ApiBaseUrl</c>/cgi-bin). Every call fetches or reuses the app's
/// cached access token, refreshes it once when WeCom rejects it (40014/42001), waits for client-side quota, and
/// retries transient failures (HTTP 5xx, timeouts, dropped connections, unreadable bodies, errcodes -1, 45009 and
/// 45033) with exponential backoff. Register with <see cref="WeComServiceCollectionExtensions.AddWeComClient"/>.
/// </summary>
/// <remarks>
/// Failures: <see cref="WeComApiException"/> for a non-zero errcode (decide on its ErrCode);
/// <see cref="HttpRequestException"/> for HTTP errors and malformed responses; <see cref="TimeoutException"/> when
/// the last attempt timed out; <see cref="OperationCanceledException"/> when the caller cancelled.
/// </remarks>
public sealed class WeComClient
{
    /// <summary>The largest page user/list_id serves.</summary>
    public const int MaxUserIdPageSize = 10_000;

    private readonly HttpClient _http;
    private readonly WeComAccessTokenCache _tokens;
    private readonly WeComCallPipeline _pipeline;
    private readonly ILogger _logger;

    internal WeComClient(HttpClient http, WeComAccessTokenCache tokens, WeComCallPipeline pipeline, ILogger<WeComClient> logger)
    {
        _http = http;
        _tokens = tokens;
        _pipeline = pipeline;
        _logger = logger;
    }

    /// <summary>The app's access token: the cached one while it is fresh, otherwise a new one from gettoken.</summary>
    public Task<WeComAccessToken> GetAccessTokenAsync(WeComApp app, CancellationToken cancellationToken = default)
    {
        Validate(app);
        return _tokens.GetAsync(app, ct => FetchAccessTokenAsync(app, ct), cancellationToken);
    }

    /// <summary>department/list: the department <paramref name="id"/> and all its descendants, or every visible one.</summary>
    public async Task<IReadOnlyList<WeComDepartment>> ListDepartmentsAsync(
        WeComApp app, long? id = null, CancellationToken cancellationToken = default)
    {
        var response = await GetAsync(
            app, "cgi-bin/department/list", Query("id", id), WeComJsonContext.Default.DepartmentListResponse, cancellationToken)
            .ConfigureAwait(false);
        return response.Department ?? [];
    }

    /// <summary>department/simplelist: ids, parents and order of <paramref name="id"/> and its descendants, or of all.</summary>
    public async Task<IReadOnlyList<WeComDepartmentId>> ListDepartmentIdsAsync(
        WeComApp app, long? id = null, CancellationToken cancellationToken = default)
    {
        var response = await GetAsync(
            app, "cgi-bin/department/simplelist", Query("id", id), WeComJsonContext.Default.DepartmentSimpleListResponse, cancellationToken)
            .ConfigureAwait(false);
        return response.DepartmentId ?? [];
    }

    /// <summary>department/get: one department.</summary>
    public async Task<WeComDepartment> GetDepartmentAsync(WeComApp app, long id, CancellationToken cancellationToken = default)
    {
        const string api = "cgi-bin/department/get";
        var response = await GetAsync(app, api, Query("id", id), WeComJsonContext.Default.DepartmentGetResponse, cancellationToken)
            .ConfigureAwait(false);
        return response.Department ?? throw InvalidResponse(api, "has no department");
    }

    /// <summary>user/list_id: one page of (user id, department) rows; pass the previous page's cursor for the next.</summary>
    /// <param name="app">The app; WeCom documents this API for the contact-sync secret.</param>
    /// <param name="cursor">The previous page's <see cref="WeComUserIdPage.NextCursor"/>, or <see langword="null"/> to start.</param>
    /// <param name="limit">Rows per page, 1 to <see cref="MaxUserIdPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<WeComUserIdPage> ListUserIdsPageAsync(
        WeComApp app, string? cursor, int limit = MaxUserIdPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxUserIdPageSize);
        var body = new UserListIdRequest(string.IsNullOrEmpty(cursor) ? null : cursor, limit);
        var response = await PostAsync(
            app,
            "cgi-bin/user/list_id",
            body,
            WeComJsonContext.Default.UserListIdRequest,
            WeComJsonContext.Default.UserListIdResponse,
            cancellationToken).ConfigureAwait(false);
        return new WeComUserIdPage(
            response.DeptUser ?? [], string.IsNullOrEmpty(response.NextCursor) ? null : response.NextCursor);
    }

    /// <summary>Every (user id, department) row of user/list_id, page after page.</summary>
    public async IAsyncEnumerable<DeptUser> ListAllUserIdsAsync(
        WeComApp app, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListUserIdsPageAsync(app, cursor, MaxUserIdPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Users)
            {
                yield return row;
            }

            if (page.NextCursor is not null && page.NextCursor == cursor)
            {
                throw InvalidResponse("cgi-bin/user/list_id", "returned the same cursor again");
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>user/simplelist: the members directly in one department (not in its sub-departments).</summary>
    public async Task<IReadOnlyList<WeComUserSummary>> ListDepartmentUsersSimpleAsync(
        WeComApp app, long departmentId, CancellationToken cancellationToken = default)
    {
        var response = await GetAsync(
            app, "cgi-bin/user/simplelist", Query("department_id", departmentId), WeComJsonContext.Default.UserSimpleListResponse, cancellationToken)
            .ConfigureAwait(false);
        return response.UserList ?? [];
    }

    /// <summary>user/list: the members directly in one department, with details.</summary>
    public async Task<IReadOnlyList<WeComUser>> ListDepartmentUsersAsync(
        WeComApp app, long departmentId, CancellationToken cancellationToken = default)
    {
        var response = await GetAsync(
            app, "cgi-bin/user/list", Query("department_id", departmentId), WeComJsonContext.Default.UserListResponse, cancellationToken)
            .ConfigureAwait(false);
        return response.UserList ?? [];
    }

    /// <summary>user/get: one member.</summary>
    public Task<WeComUser> GetUserAsync(WeComApp app, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return GetAsync(app, "cgi-bin/user/get", Query("userid", userId), WeComJsonContext.Default.WeComUser, cancellationToken);
    }

    /// <summary>
    /// auth/getuserinfo: who a login code (QR or in-client OAuth) belongs to. Codes are single-use and live
    /// 5 minutes (errcode 40029 otherwise). Not subject to client-side quota: WeCom does not count valid codes.
    /// </summary>
    /// <remarks>
    /// Transient failures are retried like any call; if WeCom consumed the code but its answer was lost, the retry
    /// sees 40029 and the member has to sign in again.
    /// </remarks>
    public Task<WeComUserInfo> GetUserInfoAsync(WeComApp app, string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return CallAsync(
            app,
            "cgi-bin/auth/getuserinfo",
            countsTowardsQuota: false,
            token => new HttpRequestMessage(HttpMethod.Get, Url("cgi-bin/auth/getuserinfo", token, Query("code", code))),
            WeComJsonContext.Default.WeComUserInfo,
            cancellationToken);
    }

    /// <summary>auth/getuserdetail: the sensitive fields a member consented to share (errcode 84014 when the ticket expired).</summary>
    public Task<WeComUserDetail> GetUserDetailAsync(WeComApp app, string userTicket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userTicket);
        return PostAsync(
            app,
            "cgi-bin/auth/getuserdetail",
            new UserDetailRequest(userTicket),
            WeComJsonContext.Default.UserDetailRequest,
            WeComJsonContext.Default.WeComUserDetail,
            cancellationToken);
    }

    private async Task<(string Value, int ExpiresInSeconds)> FetchAccessTokenAsync(WeComApp app, CancellationToken cancellationToken)
    {
        const string api = "cgi-bin/gettoken";
        var query = $"corpid={Uri.EscapeDataString(app.CorpId)}&corpsecret={Uri.EscapeDataString(app.Secret)}";
        using var reply = await SendAsync(
            api,
            QuotaKey(app, api),
            () => new HttpRequestMessage(HttpMethod.Get, $"{api}?{query}"),
            cancellationToken).ConfigureAwait(false);
        var response = Read(api, reply, WeComJsonContext.Default.AccessTokenResponse);
        if (string.IsNullOrEmpty(response.AccessToken) || response.ExpiresIn <= 0)
        {
            throw InvalidResponse(api, "has no access_token or expires_in");
        }

        return (response.AccessToken, response.ExpiresIn);
    }

    private Task<T> GetAsync<T>(
        WeComApp app, string api, string query, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) =>
        CallAsync(
            app,
            api,
            countsTowardsQuota: true,
            token => new HttpRequestMessage(HttpMethod.Get, Url(api, token, query)),
            responseType,
            cancellationToken);

    private Task<TResponse> PostAsync<TRequest, TResponse>(
        WeComApp app,
        string api,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        CallAsync(
            app,
            api,
            countsTowardsQuota: true,
            token => new HttpRequestMessage(HttpMethod.Post, Url(api, token, string.Empty))
            {
                Content = JsonContent.Create(body, requestType),
            },
            responseType,
            cancellationToken);

    private async Task<T> CallAsync<T>(
        WeComApp app,
        string api,
        bool countsTowardsQuota,
        Func<string, HttpRequestMessage> createRequest,
        JsonTypeInfo<T> responseType,
        CancellationToken cancellationToken)
    {
        var token = await GetAccessTokenAsync(app, cancellationToken).ConfigureAwait(false);
        var quotaKey = countsTowardsQuota ? QuotaKey(app, api) : null;
        var reply = await SendAsync(api, quotaKey, () => createRequest(token.Value), cancellationToken).ConfigureAwait(false);

        if (WeComErrorCodes.IsAccessTokenRejected(reply.ErrCode))
        {
            // WeCom may revoke tokens early: refresh once and retry once; a second rejection is reported as is.
            WeComLog.AccessTokenRejected(_logger, api, app.CorpId, reply.ErrCode);
            reply.Dispose();
            await _tokens.InvalidateAsync(app, token.Value, cancellationToken).ConfigureAwait(false);
            token = await GetAccessTokenAsync(app, cancellationToken).ConfigureAwait(false);
            reply = await SendAsync(api, quotaKey, () => createRequest(token.Value), cancellationToken).ConfigureAwait(false);
        }

        using (reply)
        {
            return Read(api, reply, responseType);
        }
    }

    private async Task<WeComReply> SendAsync(
        string api, string? quotaKey, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = "http_error";
        try
        {
            var reply = await _pipeline.ExecuteAsync(api, quotaKey, ct => SendOnceAsync(api, createRequest, ct), cancellationToken)
                .ConfigureAwait(false);
            result = WeComMetrics.ErrCode(reply.ErrCode);
            return reply;
        }
        catch (TimeoutRejectedException exception)
        {
            result = "timeout";
            throw new TimeoutException($"WeCom {api} did not answer in time.", exception);
        }
        catch (OperationCanceledException)
        {
            result = "canceled";
            throw;
        }
        finally
        {
            WeComMetrics.Call(api, result, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<WeComReply> SendOnceAsync(string api, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"WeCom {api} answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        }

        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var document = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
                return WeComReply.From(api, document);
            }
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException(
                HttpRequestError.InvalidResponse, $"WeCom {api} returned a body that is not complete JSON.", exception);
        }
        catch (IOException exception)
        {
            throw new HttpRequestException(
                HttpRequestError.ResponseEnded, $"WeCom {api} response ended before its body was complete.", exception);
        }
    }

    private T Read<T>(string api, WeComReply reply, JsonTypeInfo<T> responseType)
    {
        if (reply.ErrCode != 0)
        {
            WeComLog.ApiError(_logger, api, reply.ErrCode);
            throw new WeComApiException(api, reply.ErrCode, reply.ErrMsg);
        }

        try
        {
            return reply.Document.RootElement.Deserialize(responseType) ?? throw InvalidResponse(api, "is null");
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException(
                HttpRequestError.InvalidResponse, $"WeCom {api} returned a body of an unexpected shape.", exception);
        }
    }

    private static void Validate(WeComApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrEmpty(app.CorpId, nameof(app));
        ArgumentException.ThrowIfNullOrEmpty(app.Secret, nameof(app));
    }

    private static string Url(string api, string accessToken, string query) =>
        $"{api}?access_token={Uri.EscapeDataString(accessToken)}{query}";

    private static string Query(string name, long? value) => value is null ? string.Empty : $"&{name}={value.Value}";

    private static string Query(string name, string value) => $"&{name}={Uri.EscapeDataString(value)}";

    private static string QuotaKey(WeComApp app, string api) => $"{app.CorpId} {api}";

    private static HttpRequestException InvalidResponse(string api, string problem) =>
        new(HttpRequestError.InvalidResponse, $"WeCom {api} response {problem}.");
}
