using Grid.Grains.Events;
using Grid.Host.Hosting;

namespace Grid.Host.Callbacks;

public static class CallbackHostingExtensions
{
    /// <summary>
    /// The callback receiver and the event inbox's services: the journal on PostgreSQL in the cluster profile (in
    /// memory in dev), the inbox options (section <c>Grid:Events</c>) and the per-silo sweep.
    /// </summary>
    public static void AddGridCallbacks(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GridOptions.SectionName).Get<GridOptions>() ?? new GridOptions();
        if (options.IsCluster)
        {
            builder.Services.AddSingleton<IEventJournal, PostgresEventJournal>();
        }

        builder.Services.AddGridEvents();
        builder.Services.AddSingleton<CallbackSettingsCache>();
        builder.Services.AddSingleton<CallbackReceiver>();
    }

    /// <summary>Maps GET (URL verification) and POST (events) on <see cref="CallbackUrl.Route"/>.</summary>
    public static void MapGridCallbacks(this WebApplication app)
    {
        var receiver = app.Services.GetRequiredService<CallbackReceiver>();
        app.MapGet(CallbackUrl.Route, (HttpContext context, string tenant, string connector) =>
            receiver.VerifyUrlAsync(context, tenant, connector));
        app.MapPost(CallbackUrl.Route, (HttpContext context, string tenant, string connector) =>
            receiver.ReceiveAsync(context, tenant, connector));
    }
}
