using Grid.Abstractions.Directory;

namespace Grid.Grains.Tenants;

/// <summary>A segment of a tenant's change feed, key <c>{tenant}/{segment}</c>.</summary>
[Alias("grid.IChangeFeedSegmentGrain")]
public interface IChangeFeedSegmentGrain : ILogSegmentGrain<ChangeEntry>;
