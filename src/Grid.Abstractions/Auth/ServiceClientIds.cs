using System.Security.Cryptography;

namespace Grid.Abstractions.Auth;

/// <summary>Makes service client ids: <c>gc_{tenant}_{random}</c>, so that an id says which tenant it belongs to.</summary>
public static class ServiceClientIds
{
    public static string New(string tenantId) =>
        $"gc_{tenantId}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}";
}
