using Grid.Host;

namespace Grid.Dev;

/// <summary>
/// The dev launcher's composition: Grid.Host as <see cref="GridApp.Build"/> makes it, plus the dev demo (an in-process
/// WeCom simulator with a generated company, tenant <c>demo</c> with a ready connector, a first sync). Tests build it
/// with their own arguments, as they build Grid.Host.
/// </summary>
public static class DevApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        GridApp.Build(args, builder =>
        {
            builder.AddGridDevDemo();
            configure?.Invoke(builder);
        });
}
