using Google.Protobuf.WellKnownTypes;
using Grid.Host.Grpc;
using Domain = Grid.Abstractions.Sessions;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.SignIn;

/// <summary>Sessions → grid.v1 messages, for every sign-in RPC (fallbacks here, WeCom login beside).</summary>
internal static class SignInMapper
{
    public static V1.SignInSession ToProto(this IssuedSession issued) => new()
    {
        SessionId = issued.Session.SessionId,
        TenantId = issued.Session.TenantId,
        AccountId = issued.Session.AccountId,
        AccessToken = issued.AccessToken,
        TokenType = "Bearer",
        AccessTokenExpiresAt = Timestamp.FromDateTimeOffset(issued.AccessTokenExpiresAt),
        RefreshToken = issued.RefreshToken,
        RefreshTokenExpiresAt = Timestamp.FromDateTimeOffset(issued.Session.ExpiresAt),
        Method = issued.Session.Method.ToProto(),
        Account = issued.Account.ToProto(),
    };

    public static V1.SignInMethod ToProto(this Domain.SignInMethod method) => (V1.SignInMethod)(int)method;

    public static Domain.SessionClient ToDomain(this V1.SignInClient? client) =>
        client is null ? Domain.SessionClient.Unknown : new Domain.SessionClient(client.IpAddress, client.UserAgent);
}
