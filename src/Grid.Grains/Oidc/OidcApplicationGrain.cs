using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions;
using Grid.Abstractions.Oidc;
using Grid.Abstractions.Tenants;
using Grid.Grains.Tenants;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Oidc;

public sealed partial class OidcApplicationGrain(
    [PersistentState("oidc-application", "grid")] IPersistentState<OidcApplicationState> state,
    TimeProvider time,
    ILogger<OidcApplicationGrain> logger) : Grain, IOidcApplicationGrain
{
    // Secrets are 256 random bits, so one keyed hash is enough (as for service clients).
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;
    private const string SecretPrefix = "as_";
    private const int MaxUris = 10;
    private const int MaxUriLength = 512;

    private (string TenantId, string ClientId) Key => GridKeys.SplitTenant(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.PendingAudit.Count > 0)
        {
            await FlushAuditAsync();
        }
    }

    public async Task<OidcCreatedApplication> Create(OidcApplicationRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var (tenantId, clientId) = Key;
        if (state.State.Application is not null)
        {
            throw GridException.Conflict($"application '{clientId}' already exists", "client_id");
        }

        Validate(registration);
        if (await GrainFactory.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId)).Get() is null)
        {
            throw GridException.UnknownTenant(tenantId);
        }

        var application = new OidcApplication(
            tenantId,
            clientId,
            registration.DisplayName,
            registration.IsPublic,
            [.. registration.RedirectUris.Distinct(StringComparer.Ordinal)],
            [.. registration.PostLogoutRedirectUris.Distinct(StringComparer.Ordinal)],
            [.. registration.Scopes.Distinct(StringComparer.Ordinal)],
            registration.ConsentRequired,
            time.GetUtcNow(),
            registration.CreatedBy);
        var secret = registration.IsPublic ? null : SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);

        // The catalog first: a failure after it leaves a listed id without an application, which listings skip, while
        // the other order could leave an application no listing shows.
        await GrainFactory.GetGrain<IOidcApplicationCatalogGrain>(GridKeys.Tenant(tenantId)).Add(clientId);
        await state.WriteOrRevertAsync(new OidcApplicationState
        {
            Application = application,
            Salt = salt,
            SecretHash = secret is null ? [] : Hash(salt, secret),
            PendingAudit = [.. state.State.PendingAudit, Audit(registration.CreatedBy, "application.create",
                $"registered '{application.DisplayName}' ({(application.IsPublic ? "public" : "confidential")}) with scopes {string.Join(' ', application.Scopes)} and redirect URIs {string.Join(' ', application.RedirectUris)}")],
        });
        LogCreated(logger, clientId, tenantId);
        await FlushAuditAsync();
        return new OidcCreatedApplication(application, secret);
    }

    public Task<OidcApplication?> Get() => Task.FromResult(state.State.Application);

    public Task<bool> VerifySecret(string secret)
    {
        var current = state.State;
        if (current.Application is not { IsPublic: false })
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(CryptographicOperations.FixedTimeEquals(Hash(current.Salt, secret ?? ""), current.SecretHash));
    }

    public async Task<bool> Delete(string deletedBy)
    {
        var (tenantId, clientId) = Key;
        if (state.State.Application is not { } application)
        {
            return false;
        }

        await state.WriteOrRevertAsync(new OidcApplicationState
        {
            PendingAudit = [.. state.State.PendingAudit, Audit(deletedBy, "application.delete", $"deleted '{application.DisplayName}'")],
        });
        await GrainFactory.GetGrain<IOidcApplicationCatalogGrain>(GridKeys.Tenant(tenantId)).Remove(clientId);
        LogDeleted(logger, clientId, tenantId);
        await FlushAuditAsync();
        return true;
    }

    private static void Validate(OidcApplicationRegistration registration)
    {
        if (string.IsNullOrWhiteSpace(registration.DisplayName) || registration.DisplayName.Length > 100)
        {
            throw GridException.Invalid("display_name", "1 to 100 characters are required");
        }

        if (registration.RedirectUris.IsDefaultOrEmpty)
        {
            throw GridException.Invalid("redirect_uris", "at least one redirect URI is required");
        }

        ValidateUris(registration.RedirectUris, "redirect_uris");
        ValidateUris(registration.PostLogoutRedirectUris.IsDefault ? [] : registration.PostLogoutRedirectUris, "post_logout_redirect_uris");
        if (registration.Scopes.IsDefaultOrEmpty || !registration.Scopes.Contains(OidcScopes.OpenId, StringComparer.Ordinal))
        {
            throw GridException.Invalid("scopes", $"the scopes must include '{OidcScopes.OpenId}'");
        }

        foreach (var scope in registration.Scopes)
        {
            if (!OidcScopes.IsKnown(scope))
            {
                throw GridException.Invalid("scopes", $"'{scope}' is not a scope ({string.Join(", ", OidcScopes.All)})");
            }
        }
    }

    // Exact, absolute http(s) addresses without a fragment (OpenID Connect Core 3.1.2.1); http only for loopback
    // development, as browsers and OAuth 2.0 for native apps (RFC 8252 7.3) allow.
    private static void ValidateUris(IEnumerable<string> uris, string field)
    {
        var count = 0;
        foreach (var uri in uris)
        {
            if (++count > MaxUris)
            {
                throw GridException.Invalid(field, $"at most {MaxUris} URIs");
            }

            if (uri.Length > MaxUriLength || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Fragment.Length > 0
                || parsed.UserInfo.Length > 0
                || !(parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback)))
            {
                throw GridException.Invalid(field, $"'{SafeText.Echo(uri)}' is not an absolute https URI without a fragment (http only on loopback)");
            }
        }
    }

    private static byte[] Hash(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));

    private AuditEntry Audit(string actor, string action, string summary) =>
        new(0, time.GetUtcNow(), actor, action, $"application/{Key.ClientId}", summary);

    private Task FlushAuditAsync() =>
        PendingAudit.FlushAsync(GrainFactory, Key.TenantId, state.State.PendingAudit, state.WriteStateAsync, logger, this.GetPrimaryKeyString());

    [LoggerMessage(EventId = 9250, Level = LogLevel.Information, Message = "Application {ClientId} registered in tenant {TenantId}")]
    private static partial void LogCreated(ILogger logger, string clientId, string tenantId);

    [LoggerMessage(EventId = 9251, Level = LogLevel.Information, Message = "Application {ClientId} deleted from tenant {TenantId}")]
    private static partial void LogDeleted(ILogger logger, string clientId, string tenantId);
}
