namespace Grid.Abstractions.Auth;

/// <summary>What <see cref="IServiceClientGrain.EnsureBootstrap"/> did.</summary>
public enum BootstrapOutcome
{
    /// <summary>The client did not exist and was created with the configured secret.</summary>
    Created = 0,

    /// <summary>The client existed with this secret and these scopes: nothing was written.</summary>
    Unchanged = 1,

    /// <summary>The client existed; its secret or scopes were replaced by the configured ones.</summary>
    Updated = 2,

    /// <summary>The client was revoked: it stays revoked (configure another client id to bootstrap again).</summary>
    Revoked = 3,
}
