using System.Collections.Immutable;

namespace Grid.Abstractions.Oidc;

/// <summary>
/// An application (OpenID Connect client) registered in a tenant: who may ask the tenant's issuer to sign users in,
/// where the answers may go and which scopes it may ask for. Its secret is never part of it (kept hashed only).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.oidc-application")]
public sealed record OidcApplication(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] bool IsPublic,
    [property: Id(4)] ImmutableArray<string> RedirectUris,
    [property: Id(5)] ImmutableArray<string> PostLogoutRedirectUris,
    [property: Id(6)] ImmutableArray<string> Scopes,
    [property: Id(7)] bool ConsentRequired,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] string CreatedBy);

/// <summary>What an admin asks for when registering an application (the client id and secret are made by Grid).</summary>
[GenerateSerializer, Immutable, Alias("grid.oidc-application-registration")]
public sealed record OidcApplicationRegistration(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] bool IsPublic,
    [property: Id(2)] ImmutableArray<string> RedirectUris,
    [property: Id(3)] ImmutableArray<string> PostLogoutRedirectUris,
    [property: Id(4)] ImmutableArray<string> Scopes,
    [property: Id(5)] bool ConsentRequired,
    [property: Id(6)] string CreatedBy);

/// <summary>A registered application and, for a confidential one, its secret: returned once, at creation.</summary>
[GenerateSerializer, Immutable, Alias("grid.oidc-created-application")]
public sealed record OidcCreatedApplication(
    [property: Id(0)] OidcApplication Application,
    [property: Id(1)] string? ClientSecret);
