using System.Security.Cryptography;

namespace Grid.Abstractions.Oidc;

/// <summary>Client ids of applications: <c>app_</c> and 24 random hex digits (unguessable is not required, unique is).</summary>
public static class OidcClientIds
{
    public const string Prefix = "app_";

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>The grain key of an application: tenant first, as every key.</summary>
    public static string Key(string tenantId, string clientId) => $"{tenantId}/{clientId}";
}
