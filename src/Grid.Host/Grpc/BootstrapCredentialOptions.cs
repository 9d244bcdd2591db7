namespace Grid.Host.Grpc;

/// <summary>
/// When <see cref="ClientSecret"/> is set, every silo makes sure at start-up that service client
/// <see cref="ClientId"/> exists in tenant <see cref="TenantId"/> with scopes <c>platform.admin</c> and <c>admin</c>
/// and this secret: the credential an operator uses to create the first tenants of a cluster. Changing the secret
/// replaces it; a revoked client stays revoked. Pass the secret through the environment
/// (<c>Grid__Auth__Bootstrap__ClientSecret</c>), never on a command line.
/// </summary>
public sealed class BootstrapCredentialOptions
{
    /// <summary>The client id of the bootstrap credential.</summary>
    public string ClientId { get; set; } = "gc_platform_bootstrap";

    /// <summary>The tenant the client belongs to (it need not exist as a tenant).</summary>
    public string TenantId { get; set; } = "platform";

    /// <summary>The secret: 32 to 256 characters; unset means no bootstrap credential.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Whether a bootstrap credential is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(ClientSecret);

    /// <summary>The settings with the secret redacted.</summary>
    public override string ToString() =>
        $"BootstrapCredentialOptions {{ ClientId = {ClientId}, TenantId = {TenantId}, ClientSecret = {(Enabled ? "***" : "(none)")} }}";
}
