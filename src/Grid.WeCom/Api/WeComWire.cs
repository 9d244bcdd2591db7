using System.Text.Json.Serialization;

namespace Grid.WeCom.Api;

// Envelopes of WeCom responses and requests; callers only see the records inside them.

internal sealed record AccessTokenResponse(string? AccessToken, int ExpiresIn);

internal sealed record DepartmentListResponse(IReadOnlyList<WeComDepartment>? Department);

internal sealed record DepartmentSimpleListResponse(IReadOnlyList<WeComDepartmentId>? DepartmentId);

internal sealed record DepartmentGetResponse(WeComDepartment? Department);

internal sealed record UserListIdRequest(string? Cursor, int Limit);

internal sealed record UserListIdResponse(string? NextCursor, IReadOnlyList<DeptUser>? DeptUser);

internal sealed record UserSimpleListResponse([property: JsonPropertyName("userlist")] IReadOnlyList<WeComUserSummary>? UserList);

internal sealed record UserListResponse([property: JsonPropertyName("userlist")] IReadOnlyList<WeComUser>? UserList);

internal sealed record UserDetailRequest(string UserTicket);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(DepartmentListResponse))]
[JsonSerializable(typeof(DepartmentSimpleListResponse))]
[JsonSerializable(typeof(DepartmentGetResponse))]
[JsonSerializable(typeof(UserListIdRequest))]
[JsonSerializable(typeof(UserListIdResponse))]
[JsonSerializable(typeof(UserSimpleListResponse))]
[JsonSerializable(typeof(UserListResponse))]
[JsonSerializable(typeof(UserDetailRequest))]
[JsonSerializable(typeof(WeComUser))]
[JsonSerializable(typeof(WeComUserInfo))]
[JsonSerializable(typeof(WeComUserDetail))]
internal sealed partial class WeComJsonContext : JsonSerializerContext;
