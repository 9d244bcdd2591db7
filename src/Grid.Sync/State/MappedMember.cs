using System.Collections.Immutable;
using Grid.Abstractions.Directory;
using Grid.Sync.Sources;

namespace Grid.Sync.State;

/// <summary>What Grid last applied for one WeCom member.</summary>
/// <param name="AccountId">The platform account linked to the member.</param>
/// <param name="SourceHash">Hash of the member as last seen (<see cref="Sources.SourceHash"/>).</param>
/// <param name="FieldsHash">Hash of the account field values last applied.</param>
/// <param name="OrganizationIds">The account's organizations, sorted ordinally, without duplicates.</param>
/// <param name="Status">The account status applied.</param>
[GenerateSerializer, Immutable, Alias("grid.sync.mapped-member")]
public sealed record MappedMember(
    [property: Id(0)] string AccountId,
    [property: Id(1)] ContentHash SourceHash,
    [property: Id(2)] ContentHash FieldsHash,
    [property: Id(3)] ImmutableArray<string> OrganizationIds,
    [property: Id(4)] AccountStatus Status);
