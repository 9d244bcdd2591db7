using Grid.Abstractions.Sessions;

namespace Grid.Grains.Sessions;

[GenerateSerializer, Alias("grid.session-state")]
public sealed class SessionState
{
    [Id(0)]
    public string AccountId { get; set; } = "";

    [Id(1)]
    public SignInMethod Method { get; set; }

    [Id(2)]
    public SessionClient Client { get; set; } = SessionClient.Unknown;

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(4)]
    public DateTimeOffset RefreshedAt { get; set; }

    [Id(5)]
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>SHA-256 of the current refresh token's secret (base64url).</summary>
    [Id(6)]
    public string RefreshTokenHash { get; set; } = "";

    /// <summary>The hashes of rotated refresh tokens, newest last, at most <see cref="SessionOptions.RotatedTokensKept"/>.</summary>
    [Id(7)]
    public List<string> RotatedTokenHashes { get; set; } = [];

    /// <summary>Whether the revocation has reached the cluster's list (false: announce again on activation).</summary>
    [Id(8)]
    public bool RevocationAnnounced { get; set; }

    /// <summary>Until when the revocation must stay on the cluster's list.</summary>
    [Id(9)]
    public DateTimeOffset RevokedUntil { get; set; }

    /// <summary>
    /// Revoked because the account opened more sessions than it may hold: refused at refresh, and announced to the
    /// cluster's list only if the account's sessions are revoked later (see AccountSessionsGrain).
    /// </summary>
    [Id(10)]
    public bool Evicted { get; set; }
}
