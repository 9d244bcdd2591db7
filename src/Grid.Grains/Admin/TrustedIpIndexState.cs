using Grid.Abstractions.Admin;

namespace Grid.Grains.Admin;

[GenerateSerializer, Alias("grid.trusted-ip-index-state")]
public sealed class TrustedIpIndexState
{
    [Id(0)]
    public List<TrustedIpUser> Users { get; set; } = [];
}
