using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Grains.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sessions;

public sealed partial class SessionGrain(
    [PersistentState("session", "grid")] IPersistentState<SessionState> state,
    IOptions<SessionOptions> options,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private const int SecretBytes = 32;

    private string _tenantId = "";
    private string _sessionId = "";
    private TenantGuard _tenant = null!;

    private SessionState Current => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _sessionId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        _tenant = TenantGuard.For(this, _tenantId);

        // A revocation stored before the last deactivation (or crash) but not announced yet (an eviction is not
        // announced unless the account's sessions are revoked: see Evict).
        if (state.RecordExists && Current.RevokedAt is not null && !Current.RevocationAnnounced && !Current.Evicted)
        {
            await AnnounceAsync();
        }
    }

    public async Task<SessionGrant> Open(SessionOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(opening.Client);
        if (state.RecordExists)
        {
            throw GridException.Conflict($"session '{_sessionId}' already exists");
        }

        if (!_sessionId.StartsWith(SessionKeys.SessionIdPrefix, StringComparison.Ordinal) || !GridKeys.IsValidId(_sessionId))
        {
            throw GridException.Invalid("session_id", $"'{SafeText.Echo(_sessionId)}' is not a session id");
        }

        GridKeys.ValidateId(opening.AccountId, "account_id");
        if (!Enum.IsDefined(opening.Method))
        {
            throw GridException.Invalid("method", $"{opening.Method} is not a sign-in method");
        }

        await _tenant.EnsureExistsAsync();

        // Registered before the account's status is read: a revocation of the account's sessions that follows a
        // change of status either finds this session (and waits for this open to end) or came before the read.
        var now = time.GetUtcNow();
        await GrainFactory.GetGrain<IAccountSessionsGrain>(GridKeys.Account(_tenantId, opening.AccountId))
            .Add(_sessionId, now + options.Value.Lifetime);
        var status = await Account(opening.AccountId).GetStatus();
        if (status is null or AccountStatus.Deleted)
        {
            throw GridException.NotFound($"account '{opening.AccountId}' does not exist in tenant '{_tenantId}'");
        }

        if (status != AccountStatus.Active)
        {
            throw GridException.Precondition($"account '{opening.AccountId}' is {status.Value.ToString().ToLowerInvariant()} and cannot sign in");
        }

        var secret = NewSecret();
        await state.WriteOrRevertAsync(new SessionState
        {
            AccountId = opening.AccountId,
            Method = opening.Method,
            Client = opening.Client,
            CreatedAt = now,
            RefreshedAt = now,
            RefreshTokenHash = Hash(secret),
        });
        LogOpened(logger, _tenantId, _sessionId, opening.AccountId, opening.Method);
        return new SessionGrant(View(), SessionKeys.RefreshToken(_tenantId, _sessionId, secret));
    }

    public async Task<RefreshResult> Refresh(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!state.RecordExists)
        {
            return RefreshResult.Refused(RefreshRefusal.Invalid);
        }

        var hash = Hash(secret);
        var now = time.GetUtcNow();
        if (!Matches(Current.RefreshTokenHash, hash))
        {
            if (!Current.RotatedTokenHashes.Exists(rotated => Matches(rotated, hash)))
            {
                return RefreshResult.Refused(RefreshRefusal.Invalid);
            }

            // A rotated token came back: one of two holders of it is not the user. Neither may go on.
            if (Current.RevokedAt is null)
            {
                LogReuse(logger, _tenantId, _sessionId, Current.AccountId);
                await RevokeAsync(now);
            }

            return RefreshResult.Refused(RefreshRefusal.Reused);
        }

        if (Current.RevokedAt is not null)
        {
            return RefreshResult.Refused(RefreshRefusal.Revoked);
        }

        if (now >= ExpiresAt(Current))
        {
            return RefreshResult.Refused(RefreshRefusal.Expired);
        }

        if (await Account(Current.AccountId).GetStatus() != AccountStatus.Active)
        {
            await RevokeAsync(now);
            return RefreshResult.Refused(RefreshRefusal.AccountInactive);
        }

        var next = NewSecret();
        var rotated = Current.RotatedTokenHashes.Append(Current.RefreshTokenHash).TakeLast(options.Value.RotatedTokensKept).ToList();
        await state.WriteOrRevertAsync(Copy(Current, s =>
        {
            s.RefreshTokenHash = Hash(next);
            s.RotatedTokenHashes = rotated;
            s.RefreshedAt = now;
        }));
        return new RefreshResult(new SessionGrant(View(), SessionKeys.RefreshToken(_tenantId, _sessionId, next)), RefreshRefusal.None);
    }

    public async Task<SessionView?> Revoke()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        if (Current.RevokedAt is null)
        {
            await RevokeAsync(time.GetUtcNow());
        }
        else if (!Current.RevocationAnnounced)
        {
            await AnnounceAsync();
        }

        return View();
    }

    public async Task Evict()
    {
        if (state.RecordExists && Current.RevokedAt is null)
        {
            var now = time.GetUtcNow();
            await state.WriteOrRevertAsync(Copy(Current, s =>
            {
                s.RevokedAt = now;
                s.RevokedUntil = now + options.Value.RevocationRetention;
                s.Evicted = true;
            }));
            LogEvicted(logger, _tenantId, _sessionId, Current.AccountId);
        }
    }

    public Task<SessionView?> Get() => Task.FromResult(state.RecordExists ? View() : null);

    private async Task RevokeAsync(DateTimeOffset now)
    {
        await state.WriteOrRevertAsync(Copy(Current, s =>
        {
            s.RevokedAt = now;
            s.RevokedUntil = now + options.Value.RevocationRetention;
            s.RevocationAnnounced = false;
        }));
        LogRevoked(logger, _tenantId, _sessionId, Current.AccountId);
        await AnnounceAsync();
    }

    // The session is revoked for refreshes once stored; its access tokens stop validating once the cluster's list has
    // it. A failed announcement leaves RevocationAnnounced false: the next Revoke or activation tries again.
    private async Task AnnounceAsync()
    {
        await GrainFactory.GetGrain<ISessionRevocationGrain>(SessionKeys.RevocationList(SessionKeys.RevocationListOf(_sessionId)))
            .Add(new RevokedSession(_tenantId, _sessionId, Current.RevokedUntil));
        await state.WriteOrRevertAsync(Copy(Current, s => s.RevocationAnnounced = true));
    }

    private IAccountGrain Account(string accountId) => GrainFactory.GetGrain<IAccountGrain>(GridKeys.Account(_tenantId, accountId));

    private DateTimeOffset ExpiresAt(SessionState session)
    {
        var settings = options.Value;
        var absolute = session.CreatedAt + settings.Lifetime;
        var idle = session.RefreshedAt + settings.IdleTimeout;
        return absolute < idle ? absolute : idle;
    }

    private SessionView View() => new(
        _tenantId, _sessionId, Current.AccountId, Current.Method, Current.Client,
        Current.CreatedAt, Current.RefreshedAt, ExpiresAt(Current), Current.RevokedAt);

    private static SessionState Copy(SessionState from, Action<SessionState> change)
    {
        var copy = new SessionState
        {
            AccountId = from.AccountId,
            Method = from.Method,
            Client = from.Client,
            CreatedAt = from.CreatedAt,
            RefreshedAt = from.RefreshedAt,
            RevokedAt = from.RevokedAt,
            RefreshTokenHash = from.RefreshTokenHash,
            RotatedTokenHashes = [.. from.RotatedTokenHashes],
            RevocationAnnounced = from.RevocationAnnounced,
            RevokedUntil = from.RevokedUntil,
            Evicted = from.Evicted,
        };
        change(copy);
        return copy;
    }

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    // The secret is 256 random bits: a plain hash is enough (a slow KDF protects guessable passwords, not these).
    private static string Hash(string secret) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static bool Matches(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(presented));

    [LoggerMessage(EventId = 8250, Level = LogLevel.Information, Message = "Session {SessionId} of tenant {TenantId} opened for account {AccountId} by {Method}")]
    private static partial void LogOpened(ILogger logger, string tenantId, string sessionId, string accountId, SignInMethod method);

    [LoggerMessage(EventId = 8251, Level = LogLevel.Information, Message = "Session {SessionId} of tenant {TenantId} (account {AccountId}) revoked")]
    private static partial void LogRevoked(ILogger logger, string tenantId, string sessionId, string accountId);

    [LoggerMessage(EventId = 8253, Level = LogLevel.Information, Message = "Session {SessionId} of tenant {TenantId} (account {AccountId}) ended: the account opened more sessions than it may hold")]
    private static partial void LogEvicted(ILogger logger, string tenantId, string sessionId, string accountId);

    [LoggerMessage(EventId = 8252, Level = LogLevel.Warning, Message = "Session {SessionId} of tenant {TenantId} (account {AccountId}): a rotated refresh token was presented again; the session is revoked")]
    private static partial void LogReuse(ILogger logger, string tenantId, string sessionId, string accountId);
}
