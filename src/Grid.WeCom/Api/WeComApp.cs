namespace Grid.WeCom.Api;

/// <summary>The credentials of one WeCom app (self-built app or contact-sync assistant).</summary>
/// <param name="CorpId">The corp id (企业ID).</param>
/// <param name="AgentId">The app's agent id; for the contact-sync assistant any stable label.</param>
/// <param name="Secret">The app secret; never printed by <see cref="ToString"/>.</param>
public sealed record WeComApp(string CorpId, string AgentId, string Secret)
{
    /// <summary>Describes the app without its secret.</summary>
    public override string ToString() => $"WeComApp {{ CorpId = {CorpId}, AgentId = {AgentId}, Secret = *** }}";
}
