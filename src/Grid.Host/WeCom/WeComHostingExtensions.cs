using Grid.Grains.Sync;
using Grid.Grains.WeCom;
using Grid.WeCom;
using Grid.WeCom.Api;

namespace Grid.Host.WeCom;

public static class WeComHostingExtensions
{
    /// <summary>
    /// The WeCom client (section <c>WeCom</c>) with access tokens shared cluster-wide through a grain, and the sync
    /// grains' options (section <c>Grid:Sync</c>).
    /// </summary>
    public static void AddGridWeCom(this WebApplicationBuilder builder)
    {
        // Registered before AddWeComClient, which only adds its in-memory store when none is present.
        builder.Services.AddSingleton<IWeComAccessTokenStore, GrainWeComAccessTokenStore>();
        builder.Services.AddWeComClient(builder.Configuration);
        builder.Services.AddGridSync();
    }
}
