namespace Grid.Abstractions.Directory;

/// <summary>
/// An identity in an external system: <see cref="Source"/> names the system (e.g. <c>wecom:{corpId}</c>) and
/// <see cref="Value"/> the id there (e.g. the WeCom userid). Unique per tenant, compared case-insensitively.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.external-id")]
public sealed record ExternalId(string Source, string Value)
{
    /// <summary>The external id of a WeCom member: source <c>wecom:{corpId}</c>, value the userid.</summary>
    public static ExternalId ForWeCom(string corpId, string userId) => new("wecom:" + corpId, userId);

    /// <summary>The single-string form <c>{source}:{value}</c>, as claimed in the unique index.</summary>
    public override string ToString() => $"{Source}:{Value}";
}
