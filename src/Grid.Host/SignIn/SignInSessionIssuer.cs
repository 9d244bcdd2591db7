using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Host.Grpc;
using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

/// <summary>
/// Opens end-user sessions once a sign-in method has proved who the user is (password, SMS code, WeCom), and turns a
/// session grant into its token pair: an access token signed by <see cref="ISigningKeyGrain"/> (the same JWKS as
/// service-client tokens) and the grain's refresh token. The one way every sign-in flow ends.
/// </summary>
internal sealed partial class SignInSessionIssuer(
    IGrainFactory grains, TimeProvider time, IOptions<GridAuthOptions> options, ILogger<SignInSessionIssuer> logger)
{
    /// <summary>
    /// Opens a session for an account that has just signed in, known by id (its view is read beside the signing).
    /// Throws <see cref="GridException"/> when the tenant or account is unknown (NotFound) or the account may not sign
    /// in (FailedPrecondition).
    /// </summary>
    public async Task<IssuedSession> OpenAsync(
        string tenantId, string accountId, SignInMethod method, SessionClient client, CancellationToken cancel)
    {
        var grant = await OpenGrantAsync(tenantId, accountId, method, client, cancel);
        return await IssueAsync(grant, cancel);
    }

    /// <summary>
    /// Opens a session for an account the sign-in has just read (and found active): that view goes back with the
    /// tokens rather than a second read, one grain call less on every sign-in. Throws as the other overload.
    /// </summary>
    public async Task<IssuedSession> OpenAsync(AccountView account, SignInMethod method, SessionClient client, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(account);
        var grant = await OpenGrantAsync(account.TenantId, account.AccountId, method, client, cancel);
        return await IssueAsync(grant, Task.FromResult<AccountView?>(account), cancel);
    }

    /// <summary>The token pair of a grant (a new session, or a refreshed one).</summary>
    public Task<IssuedSession> IssueAsync(SessionGrant grant, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var session = grant.Session;
        return IssueAsync(grant, grains.GetGrain<IAccountGrain>(GridKeys.Account(session.TenantId, session.AccountId)).Get().WaitAsync(cancel), cancel);
    }

    private async Task<SessionGrant> OpenGrantAsync(
        string tenantId, string accountId, SignInMethod method, SessionClient client, CancellationToken cancel)
    {
        var sessionId = SessionKeys.NewSessionId();
        var grant = await grains.GetGrain<ISessionGrain>(SessionKeys.Session(tenantId, sessionId))
            .Open(new SessionOpening(accountId, method, client)).WaitAsync(cancel);
        LogSignedIn(logger, tenantId, accountId, sessionId, method);
        return grant;
    }

    private async Task<IssuedSession> IssueAsync(SessionGrant grant, Task<AccountView?> account, CancellationToken cancel)
    {
        var session = grant.Session;
        var settings = options.Value;
        // Whole seconds, as the JWT's iat and exp carry them: the expiry told beside the token is the token's own.
        var now = time.GetUtcNow();
        var issuedAt = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
        var expiresAt = issuedAt + settings.AccessTokenLifetime;
        var claims = new SessionTokenClaims(
            settings.Issuer, settings.Audience, session.TenantId, session.AccountId, session.SessionId,
            SignInMethods.Amr(session.Method), issuedAt, expiresAt);
        var token = await grains.GetGrain<ISigningKeyGrain>(ISigningKeyGrain.DefaultKey).SignSession(claims).WaitAsync(cancel);
        var view = await account ?? throw GridException.NotFound($"account '{session.AccountId}' does not exist");
        return new IssuedSession(session, view, token, expiresAt, grant.RefreshToken);
    }

    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Account {AccountId} of tenant {TenantId} signed in by {Method}: session {SessionId}")]
    private static partial void LogSignedIn(ILogger logger, string tenantId, string accountId, string sessionId, SignInMethod method);
}
