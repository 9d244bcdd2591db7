namespace Grid.Cli.Tests.Online;

/// <summary>
/// Online gridctl tests share one host and run one at a time: gridctl reads its config directory and credential
/// file from process-wide environment variables.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OnlineHostCollection : ICollectionFixture<OnlineHostFixture>
{
    public const string Name = "gridctl-online";
}
