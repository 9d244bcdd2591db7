namespace Grid.Abstractions.Connectors;

/// <summary>What may be shown about a stored secret: whether it is set and its last four characters.</summary>
[GenerateSerializer, Immutable]
[Alias("grid.secret-hint")]
public sealed record SecretHint(bool IsSet, string? LastFour)
{
    /// <summary>No secret stored.</summary>
    public static SecretHint None { get; } = new(false, null);
}
