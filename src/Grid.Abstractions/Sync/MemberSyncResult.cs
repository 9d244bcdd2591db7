namespace Grid.Abstractions.Sync;

/// <summary>What applying a <see cref="MemberSyncChange"/> left behind.</summary>
/// <param name="AccountId">
/// The account now linked to the member (null after a delete). It differs from the change's account id when the
/// member grain found the member already linked (a step repeated by a later run after a crash): record this one.
/// </param>
[GenerateSerializer, Immutable, Alias("grid.member-sync-result")]
public sealed record MemberSyncResult([property: Id(0)] string? AccountId);
