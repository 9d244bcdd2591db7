using System.Collections.Immutable;
using Grid.Abstractions.Connectors;

namespace Grid.Abstractions.Sync;

/// <summary>What <see cref="IMappingPreviewGrain.PreviewMapping"/> shows.</summary>
/// <param name="Mappings">
/// Mappings to try instead of the stored ones; null means the stored mappings and the stored match rule. An empty side
/// means the built-in defaults, as in <see cref="ConnectorFieldMappings.Empty"/>.
/// </param>
/// <param name="MatchRule">
/// With <paramref name="Mappings"/>: the match rule to try (null: the stored one, as SetFieldMappings keeps it;
/// <see cref="Connectors.MatchRule.None"/>: no adoption). Ignored without it.
/// </param>
/// <param name="UserIds">The WeCom userids to preview (at most 50); empty means the first <paramref name="SampleSize"/> members.</param>
/// <param name="SampleSize">Members to preview when no userid is given: 0 means 5, at most 50.</param>
[GenerateSerializer, Immutable, Alias("grid.mapping-preview-request")]
public sealed record MappingPreviewRequest(
    [property: Id(0)] ConnectorFieldMappings? Mappings,
    [property: Id(1)] MatchRule? MatchRule,
    [property: Id(2)] ImmutableArray<string> UserIds,
    [property: Id(3)] int SampleSize)
{
    /// <summary>The most members one preview shows (userids given, or the sample size).</summary>
    public const int MaxMembers = 50;
}
