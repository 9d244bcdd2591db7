using System.Collections.Immutable;

namespace Grid.Abstractions.Sync;

/// <summary>What the field mappings make of one WeCom member.</summary>
/// <param name="UserId">The member's userid.</param>
/// <param name="AccountFields">The computed account fields, by target field (empty values included).</param>
/// <param name="Errors">
/// Problems by target field: an expression that does not compile, or a required field (username, display_name) that
/// is empty for this member; <c>userid</c> when the member could not be read from WeCom.
/// </param>
/// <param name="MatchedAccountId">The existing account the match rule finds for this member, if any.</param>
[GenerateSerializer, Immutable, Alias("grid.mapping-preview")]
public sealed record MappingPreview(
    [property: Id(0)] string UserId,
    [property: Id(1)] ImmutableSortedDictionary<string, string> AccountFields,
    [property: Id(2)] ImmutableSortedDictionary<string, string> Errors,
    [property: Id(3)] string? MatchedAccountId);
