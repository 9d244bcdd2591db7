namespace Grid.Grains.Sessions;

[GenerateSerializer, Alias("grid.account-sessions-state")]
public sealed class AccountSessionsState
{
    /// <summary>The registered sessions by id, with the end of their lifetime.</summary>
    [Id(0)]
    public Dictionary<string, DateTimeOffset> Sessions { get; set; } = [];
}
