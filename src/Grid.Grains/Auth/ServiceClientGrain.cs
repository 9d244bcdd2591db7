using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Tenants;
using Grid.Grains.Tenants;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Grid.Grains.Auth;

public sealed partial class ServiceClientGrain(
    [PersistentState("service-client", "grid")] IPersistentState<ServiceClientState> state,
    DeepCopier<ServiceClientState> copier,
    TimeProvider time,
    ILogger<ServiceClientGrain> logger) : Grain, IServiceClientGrain
{
    // Secrets are 256 random bits, so one keyed hash is enough: a slow KDF protects guessable passwords, not these.
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;
    private const string SecretPrefix = "gs_";

    private string ClientId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Entries of a change stored before the last deactivation (or crash) but not appended yet.
        if (state.State.PendingAudit.Count > 0)
        {
            await FlushAuditAsync();
        }
    }

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
        ArgumentNullException.ThrowIfNull(requestId);
        ValidateRegistration(registration);
        var secret = NewSecret();
        var current = state.State;
        if (!state.RecordExists || current.TenantId is null)
        {
            await StoreAsync(
                registration,
                secret,
                requestId: requestId.Length == 0 ? null : requestId,
                audit: Audit(registration.CreatedBy, "service_client.create",
                    $"created '{registration.DisplayName}' with scopes {string.Join(' ', registration.Scopes)}"));
            await FlushAuditAsync();
            return new RequestedServiceClient(secret, Reissued: false);
        }

        if (requestId.Length == 0)
        {
            throw GridException.Conflict($"service client '{ClientId}' already exists", "client_id");
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
        await StoreAsync(
            registration,
            secret,
            current.CreatedAt,
            requestId,
            Audit(registration.CreatedBy, "service_client.reissue",
                $"replaced the secret of '{registration.DisplayName}' for a retry of request {requestId}"));
        await FlushAuditAsync();
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

    public async Task<DateTimeOffset?> Revoke(string revokedBy, bool audited)
    {
        if (!state.RecordExists || state.State.TenantId is null)
        {
            return null;
        }

        var next = copier.Copy(state.State);
        var revoking = next.RevokedAt is null;
        if (revoking)
        {
            next.RevokedAt = time.GetUtcNow();
            next.RevokedBy = revokedBy;
        }

        if (audited)
        {
            next.PendingAudit.Add(Audit(revokedBy, "service_client.revoke", $"revoked '{next.DisplayName}'"));
        }

        if (revoking || audited)
        {
            await state.WriteOrRevertAsync(next);
        }

        if (revoking)
        {
            LogRevoked(logger, ClientId, revokedBy);
        }

        await FlushAuditAsync();
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
        ServiceClientRegistration registration,
        string secret,
        DateTimeOffset? createdAt = null,
        string? requestId = null,
        AuditEntry? audit = null)
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
            PendingAudit = audit is null ? state.State.PendingAudit : [.. state.State.PendingAudit, audit],
        });
        LogStored(logger, this.GetPrimaryKeyString(), registration.TenantId, string.Join(' ', state.State.Scopes), createdAt is null ? "created" : "updated");
    }

    private AuditEntry Audit(string actor, string action, string summary) =>
        new(0, time.GetUtcNow(), actor, action, $"service_client/{ClientId}", summary);

    private Task FlushAuditAsync() => state.State.TenantId is { } tenantId
        ? PendingAudit.FlushAsync(GrainFactory, tenantId, state.State.PendingAudit, state.WriteStateAsync, logger, ClientId)
        : Task.CompletedTask;

    private static byte[] Hash(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Service client {ClientId} {What} in tenant {TenantId} with scopes {Scopes}")]
    private static partial void LogStored(ILogger logger, string clientId, string tenantId, string scopes, string what);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Service client {ClientId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string clientId, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Service client {ClientId} revoked by {RevokedBy}")]
    private static partial void LogRevoked(ILogger logger, string clientId, string revokedBy);
}
