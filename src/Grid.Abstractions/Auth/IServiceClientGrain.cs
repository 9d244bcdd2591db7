namespace Grid.Abstractions.Auth;

/// <summary>
/// A service client: a machine caller of the gRPC API with a secret and a set of scopes in one tenant.
/// Key: the client id (globally unique, see <see cref="ServiceClientIds"/>). The secret is kept only as a salted hash.
/// </summary>
[Alias("grid.service-client")]
public interface IServiceClientGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the client and returns its secret, which is never available again. Fails with
    /// <see cref="InvalidOperationException"/> when the id is already taken. Not audited: for deployments' own clients
    /// and callers that record a larger change themselves (a tenant's first admin client).
    /// </summary>
    [Alias("create")]
    Task<string> Create(ServiceClientRegistration registration);

    /// <summary>
    /// Creates the client for a caller's request id (the key is <see cref="ServiceClientIds.ForRequest"/>), or, for a
    /// retry of the same request within <see cref="ServiceClientIds.RequestIdLifetime"/>, replaces the secret of the client the first
    /// attempt made (whose secret may never have reached the caller): one client per request, and the secret returned
    /// is the only one that works. Conflict naming <c>request_id</c> when the request id was used for another client
    /// or has expired; FailedPrecondition when the client was revoked. Without a request id (empty) the client is new
    /// (Conflict when the id is taken) and a retry makes another. Audited in the tenant's log with the client's state
    /// (service_client.create or service_client.reissue, by the registration's creator).
    /// </summary>
    [Alias("issue")]
    Task<RequestedServiceClient> Issue(ServiceClientRegistration registration, string requestId);

    /// <summary>
    /// Makes the client exist with exactly this registration's tenant and scopes and this operator-chosen secret
    /// (the bootstrap credential of a deployment): creates it, or replaces a changed secret or scope list. A revoked
    /// client is left revoked; Conflict when the id belongs to a client made otherwise (another tenant or creator).
    /// Idempotent, so every silo may call it at start-up.
    /// </summary>
    [Alias("ensure-bootstrap")]
    Task<BootstrapOutcome> EnsureBootstrap(ServiceClientRegistration registration, string secret);

    /// <summary>
    /// Checks a secret in constant time. Returns the client's identity, or null when the client is unknown, revoked
    /// or the secret is wrong (callers must not say which).
    /// </summary>
    [Alias("authenticate")]
    Task<ServiceClientIdentity?> Authenticate(string secret);

    /// <summary>The client's description, or null when it does not exist.</summary>
    [Alias("get")]
    Task<ServiceClientInfo?> Get();

    /// <summary>
    /// Revokes the client; idempotent. Returns the revocation time, or null when the client does not exist. With
    /// <paramref name="audited"/> every call is recorded in the tenant's audit log (service_client.revoke) with the
    /// client's state; callers that record a larger change themselves (a tenant's admin reset) pass false.
    /// </summary>
    [Alias("revoke")]
    Task<DateTimeOffset?> Revoke(string revokedBy, bool audited);
}
