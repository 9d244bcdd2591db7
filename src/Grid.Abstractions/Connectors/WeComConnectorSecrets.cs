namespace Grid.Abstractions.Connectors;

/// <summary>
/// The unsealed secrets of a connector, for trusted in-silo code only (the sync's WeCom client and the callback
/// receiver). Never return it from an API, never log it: <see cref="ToString"/> redacts.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("grid.wecom-connector-secrets")]
public sealed record WeComConnectorSecrets(
    string CorpId,
    string AgentId,
    string AppSecret,
    string CallbackToken,
    string EncodingAesKey)
{
    /// <summary>Identifies the connector without its secrets.</summary>
    public override string ToString() =>
        $"WeComConnectorSecrets {{ CorpId = {CorpId}, AgentId = {AgentId}, secrets redacted }}";
}
