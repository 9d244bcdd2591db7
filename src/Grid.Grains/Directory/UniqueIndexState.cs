namespace Grid.Grains.Directory;

[GenerateSerializer]
[Alias("grid.unique-index-state")]
public sealed class UniqueIndexState
{
    [Id(0)]
    public string? AccountId { get; set; }

    [Id(1)]
    public DateTimeOffset ClaimedAt { get; set; }
}
