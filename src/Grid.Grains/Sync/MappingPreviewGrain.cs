using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Sync;
using Grid.WeCom.Api;
using Orleans.Concurrency;

namespace Grid.Grains.Sync;

[StatelessWorker]
public sealed class MappingPreviewGrain(WeComClient wecom) : Grain, IMappingPreviewGrain
{
    public async Task<ImmutableArray<MappingPreview>> PreviewMapping(MappingPreviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (tenantId, connectorId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
        var settings = await ConnectorSyncSettings.LoadAsync(GrainFactory, tenantId, connectorId, requireContactSync: false);
        return await new MappingPreviewer(wecom, GrainFactory, tenantId).PreviewAsync(settings, request);
    }
}
