using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Auth;

public sealed partial class ServiceClientGrain(
    [PersistentState("service-client", "grid")] IPersistentState<ServiceClientState> state,
    TimeProvider time,
    ILogger<ServiceClientGrain> logger) : Grain, IServiceClientGrain
{
    // Secrets are 256 random bits, so one keyed hash is enough: a slow KDF protects guessable passwords, not these.
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;
    private const string SecretPrefix = "gs_";

    public async Task<string> Create(ServiceClientRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (state.RecordExists)
        {
            throw GridException.Conflict($"service client '{this.GetPrimaryKeyString()}' already exists", "client_id");
        }

        ValidateRegistration(registration);
        var secret = NewSecret();
        await StoreAsync(registration, secret);
        return secret;
    }

    public async Task<RequestedServiceClient> Issue(ServiceClientRegistration registration, string requestId)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ValidateRegistration(registration);
        var secret = NewSecret();
        var current = state.State;
        if (!state.RecordExists || current.TenantId is null)
        {
            await StoreAsync(registration, secret, requestId: requestId);
            return new RequestedServiceClient(secret, Reissued: false);
        }

        var scopes = registration.Scopes.Distinct(StringComparer.Ordinal).ToList();
        if (current.RequestId != requestId || current.TenantId != registration.TenantId || current.CreatedBy != registration.CreatedBy
            || current.DisplayName != registration.DisplayName || !current.Scopes.SequenceEqual(scopes, StringComparer.Ordinal))
        {
            throw GridException.Conflict(
                $"request id '{requestId}' was used for another service client (a different display name or scopes): use a new request id",
                "request_id");
        }

        if (current.RevokedAt is not null)
        {
            throw GridException.Precondition(
                $"service client '{this.GetPrimaryKeyString()}' of request id '{requestId}' was revoked: use a new request id");
        }

        if (time.GetUtcNow() - current.CreatedAt > ServiceClientIds.RequestIdLifetime)
        {
            throw GridException.Conflict(
                $"request id '{requestId}' is more than {ServiceClientIds.RequestIdLifetime.TotalHours:0} hours old: use a new request id",
                "request_id");
        }

        // A retry: whoever asked may never have received the first secret, so it is replaced and the new one returned.
        await StoreAsync(registration, secret, current.CreatedAt, requestId);
        return new RequestedServiceClient(secret, Reissued: true);
    }

    public async Task<BootstrapOutcome> EnsureBootstrap(ServiceClientRegistration registration, string secret)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ValidateRegistration(registration);
        var current = state.State;
        if (!state.RecordExists || current.TenantId is null)
        {
            await StoreAsync(registration, secret);
            return BootstrapOutcome.Created;
        }

        if (current.RevokedAt is not null)
        {
            return BootstrapOutcome.Revoked;
        }

        if (current.TenantId != registration.TenantId || current.CreatedBy != registration.CreatedBy)
        {
            throw GridException.Conflict(
                $"service client '{this.GetPrimaryKeyString()}' exists and was not made by {registration.CreatedBy}: choose another bootstrap client id",
                "client_id");
        }

        var scopes = registration.Scopes.Distinct(StringComparer.Ordinal).ToList();
        if (CryptographicOperations.FixedTimeEquals(Hash(current.Salt, secret), current.SecretHash)
            && current.Scopes.SequenceEqual(scopes, StringComparer.Ordinal))
        {
            return BootstrapOutcome.Unchanged;
        }

        await StoreAsync(registration, secret, current.CreatedAt);
        return BootstrapOutcome.Updated;
    }

    public Task<ServiceClientIdentity?> Authenticate(string secret)
    {
        var current = state.State;
        if (!state.RecordExists || current.TenantId is null)
        {
            LogRejected(logger, this.GetPrimaryKeyString(), "unknown client");
            return Task.FromResult<ServiceClientIdentity?>(null);
        }

        // Compare before looking at revocation so that the time taken does not tell a revoked client from a wrong secret.
        var matches = CryptographicOperations.FixedTimeEquals(Hash(current.Salt, secret ?? ""), current.SecretHash);
        if (!matches || current.RevokedAt is not null)
        {
            LogRejected(logger, this.GetPrimaryKeyString(), matches ? "revoked client" : "wrong secret");
            return Task.FromResult<ServiceClientIdentity?>(null);
        }

        return Task.FromResult<ServiceClientIdentity?>(
            new ServiceClientIdentity(this.GetPrimaryKeyString(), current.TenantId, [.. current.Scopes]));
    }

    public Task<ServiceClientInfo?> Get()
    {
        var current = state.State;
        return Task.FromResult(!state.RecordExists || current.TenantId is null
            ? null
            : new ServiceClientInfo(
                this.GetPrimaryKeyString(),
                current.TenantId,
                current.DisplayName,
                [.. current.Scopes],
                current.CreatedAt,
                current.CreatedBy,
                current.RevokedAt));
    }

    public async Task<DateTimeOffset?> Revoke(string revokedBy)
    {
        if (!state.RecordExists || state.State.TenantId is null)
        {
            return null;
        }

        if (state.State.RevokedAt is { } already)
        {
            return already;
        }

        var current = state.State;
        await state.WriteOrRevertAsync(new ServiceClientState
        {
            TenantId = current.TenantId,
            DisplayName = current.DisplayName,
            Scopes = current.Scopes,
            Salt = current.Salt,
            SecretHash = current.SecretHash,
            CreatedAt = current.CreatedAt,
            CreatedBy = current.CreatedBy,
            RevokedAt = time.GetUtcNow(),
            RevokedBy = revokedBy,
            RequestId = current.RequestId,
        });
        LogRevoked(logger, this.GetPrimaryKeyString(), revokedBy);
        return state.State.RevokedAt;
    }

    private static void ValidateRegistration(ServiceClientRegistration registration)
    {
        GridKeys.ValidateTenantId(registration.TenantId);
        if (registration.Scopes.IsDefaultOrEmpty)
        {
            throw GridException.Invalid("scopes", $"at least one scope is required ({string.Join(", ", GridScopes.All)})");
        }

        foreach (var scope in registration.Scopes)
        {
            if (!GridScopes.IsKnown(scope))
            {
                throw GridException.Invalid("scopes", $"'{scope}' is not a scope ({string.Join(", ", GridScopes.All)})");
            }
        }
    }

    private static string NewSecret() => SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    private async Task StoreAsync(
        ServiceClientRegistration registration, string secret, DateTimeOffset? createdAt = null, string? requestId = null)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        await state.WriteOrRevertAsync(new ServiceClientState
        {
            TenantId = registration.TenantId,
            DisplayName = registration.DisplayName,
            Scopes = [.. registration.Scopes.Distinct(StringComparer.Ordinal)],
            Salt = salt,
            SecretHash = Hash(salt, secret),
            CreatedAt = createdAt ?? time.GetUtcNow(),
            CreatedBy = registration.CreatedBy,
            RequestId = requestId,
        });
        LogStored(logger, this.GetPrimaryKeyString(), registration.TenantId, string.Join(' ', state.State.Scopes), createdAt is null ? "created" : "updated");
    }

    private static byte[] Hash(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Service client {ClientId} {What} in tenant {TenantId} with scopes {Scopes}")]
    private static partial void LogStored(ILogger logger, string clientId, string tenantId, string scopes, string what);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Service client {ClientId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string clientId, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Service client {ClientId} revoked by {RevokedBy}")]
    private static partial void LogRevoked(ILogger logger, string clientId, string revokedBy);
}
