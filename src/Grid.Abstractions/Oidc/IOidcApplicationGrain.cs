namespace Grid.Abstractions.Oidc;

/// <summary>One application of a tenant; key <c>{tenant}/{clientId}</c> (<see cref="OidcClientIds.Key"/>).</summary>
public interface IOidcApplicationGrain : IGrainWithStringKey
{
    /// <summary>Registers the application (validated: absolute redirect URIs, known scopes); AlreadyExists if it is.
    /// The secret of a confidential client is returned here only and kept as a salted hash; audited.</summary>
    Task<OidcCreatedApplication> Create(OidcApplicationRegistration registration);

    /// <summary>The application, or null when there is none.</summary>
    Task<OidcApplication?> Get();

    /// <summary>Whether <paramref name="secret"/> is the confidential client's secret (constant time).</summary>
    Task<bool> VerifySecret(string secret);

    /// <summary>Removes the application (its grants stop working at their next use); false if there was none; audited.</summary>
    Task<bool> Delete(string deletedBy);
}
