using Grid.Abstractions.Tenants;

namespace Grid.Abstractions.Directory;

/// <summary>
/// A tenant's directory change feed, key <c>{tenant}</c>: every account and organization change, in order, with a
/// sequence number that only grows. Read from a resume token (the last sequence received; 0 for the start) with
/// <see cref="ITenantLogGrain{TEntry}.Read"/>, then wait for more with
/// <see cref="ITenantLogGrain{TEntry}.WaitForNew"/>. Entries older than the retention are dropped; reading from
/// before them is a ResumeTokenExpired error.
/// </summary>
[Alias("grid.IChangeFeedGrain")]
public interface IChangeFeedGrain : ITenantLogGrain<ChangeEntry>;
