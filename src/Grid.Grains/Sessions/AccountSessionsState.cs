namespace Grid.Grains.Sessions;

[GenerateSerializer, Alias("grid.account-sessions-state")]
public sealed class AccountSessionsState
{
    /// <summary>The registered sessions by id, with the end of their lifetime.</summary>
    [Id(0)]
    public Dictionary<string, DateTimeOffset> Sessions { get; set; } = [];

    /// <summary>
    /// Sessions ended because the account opened more than it may hold, not announced to the cluster, by id, with
    /// when their last access token has expired: a revocation of all the account's sessions announces them.
    /// </summary>
    [Id(1)]
    public Dictionary<string, DateTimeOffset> Evicted { get; set; } = [];
}
