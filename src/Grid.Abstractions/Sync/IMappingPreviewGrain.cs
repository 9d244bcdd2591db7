using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Abstractions.Sync;

/// <summary>
/// Previews a connector's field mappings, key <c>{tenant}/{connectorId}</c> (the connector's key, see
/// <see cref="GridKeys.Connector"/>). Reads only, and may wait on WeCom for a while: a stateless worker, so previews
/// never queue behind one another or behind the connector's sync runs.
/// </summary>
[Alias("grid.IMappingPreviewGrain")]
public interface IMappingPreviewGrain : IGrainWithStringKey
{
    /// <summary>
    /// Shows what field mappings (the stored ones, or the proposed ones of the request) make of a few WeCom members,
    /// read from WeCom now, and which existing account the match rule finds for each; writes nothing. InvalidArgument
    /// (<c>userids</c>) for more than 50 userids; FailedPrecondition when the connector is not configured or WeCom
    /// cannot be read. A userid WeCom does not know gets an entry with an error under <c>userid</c>.
    /// </summary>
    [Alias("PreviewMapping")]
    [ReadOnly]
    Task<ImmutableArray<MappingPreview>> PreviewMapping(MappingPreviewRequest request);
}
