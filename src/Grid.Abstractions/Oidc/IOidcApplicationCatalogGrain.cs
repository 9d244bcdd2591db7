using System.Collections.Immutable;

namespace Grid.Abstractions.Oidc;

/// <summary>
/// The client ids of a tenant's applications, sorted, for listings; key <c>{tenant}</c>. Bounded
/// (<see cref="MaxApplications"/>): applications are registered by admins, not by users.
/// </summary>
public interface IOidcApplicationCatalogGrain : IGrainWithStringKey
{
    const int MaxApplications = 1000;

    /// <summary>Adds a client id; FailedPrecondition when the tenant has <see cref="MaxApplications"/> already.</summary>
    Task Add(string clientId);

    Task Remove(string clientId);

    /// <summary>Up to <paramref name="limit"/> client ids after <paramref name="after"/> (exclusive), in order.</summary>
    Task<ImmutableArray<string>> List(string? after, int limit);
}
