using System.Security.Cryptography;
using System.Text;

namespace Grid.Abstractions.Auth;

/// <summary>Makes service client ids: <c>gc_{tenant}_{random}</c>, so that an id says which tenant it belongs to.</summary>
public static class ServiceClientIds
{
    /// <summary>How long a request id makes retries of <see cref="IServiceClientGrain.Issue"/> safe (24 hours).</summary>
    public static readonly TimeSpan RequestIdLifetime = TimeSpan.FromHours(24);

    public static string New(string tenantId) =>
        $"gc_{tenantId}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}";

    /// <summary>
    /// The id of the client that <paramref name="createdBy"/> asks for with <paramref name="requestId"/> in the tenant:
    /// the same for a retry of the request, so that a retry finds the client the first attempt made. Another caller's
    /// equal request id gives another id.
    /// </summary>
    public static string ForRequest(string tenantId, string createdBy, string requestId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}\n{createdBy}\n{requestId}"));
        return $"gc_{tenantId}_{Convert.ToHexStringLower(hash.AsSpan(0, 10))}";
    }
}
