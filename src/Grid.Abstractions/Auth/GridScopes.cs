namespace Grid.Abstractions.Auth;

/// <summary>
/// The scopes a service client can be granted. Every scope except <see cref="PlatformAdmin"/> applies to the one
/// tenant the client belongs to.
/// </summary>
public static class GridScopes
{
    /// <summary>Administer the tenant: connectors, sync runs, service clients, audit trail.</summary>
    public const string Admin = "admin";

    /// <summary>Read the tenant's directory: accounts, organizations, the change feed.</summary>
    public const string DirectoryRead = "directory.read";

    /// <summary>Act as the tenant's sign-in front end (sign-in RPCs).</summary>
    public const string AuthFrontend = "auth.frontend";

    /// <summary>Create tenants. Held by the operator's bootstrap credential only.</summary>
    public const string PlatformAdmin = "platform.admin";

    /// <summary>Every scope, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, DirectoryRead, AuthFrontend, PlatformAdmin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
