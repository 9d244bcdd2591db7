using Grid.Host.Hosting;
using Grid.WeCom.Simulator.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Dev;

public static class DevHostingExtensions
{
    /// <summary>
    /// dev profile only: starts the WeCom simulator in this process with a generated demo company, points the WeCom
    /// client at it, and seeds tenant <c>demo</c> with a ready connector and a first sync, so that a first run shows
    /// real accounts at once; SMS codes go to the simulator's inbox. Skipped when <c>WeCom:ApiBaseUrl</c> is configured (a real or external WeCom).
    /// </summary>
    public static void AddGridDevDemo(this WebApplicationBuilder builder)
    {
        var grid = builder.Configuration.GetSection(GridOptions.SectionName).Get<GridOptions>() ?? new GridOptions();
        var dev = builder.Configuration.GetSection(DevOptions.SectionName).Get<DevOptions>() ?? new DevOptions();
        if (grid.IsCluster || !dev.Demo || !string.IsNullOrEmpty(builder.Configuration["WeCom:ApiBaseUrl"]))
        {
            return;
        }

        if (dev.SimulatorPort is < 0 or > 65535)
        {
            throw new OptionsValidationException(DevOptions.SectionName, typeof(DevOptions), [$"Grid:Dev:SimulatorPort must be between 0 and 65535 (got {dev.SimulatorPort})."]);
        }

        // Started while building, because the WeCom client's base addresses must be known before the container is.
        var simulator = WeComSimulatorHost.StartAsync(
            new SimulatorOptions { Port = dev.SimulatorPort, Seed = dev.Seed, Members = dev.Members, Departments = dev.Departments },
            CancellationToken.None).GetAwaiter().GetResult();
        var origin = simulator.BaseAddress.ToString().TrimEnd('/');
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = origin,
            ["WeCom:OAuthBaseUrl"] = origin,
            ["WeCom:LoginBaseUrl"] = origin,

            // Sign-in codes land in the simulator's SMS inbox (GET /_sim/sms) instead of on a phone.
            ["Grid:SignIn:Sms:WebhookUrl"] = origin + "/_sim/sms",

            // Personal emails' confirmation links land in its email inbox (GET /_sim/email).
            ["Grid:SignIn:Email:WebhookUrl"] = origin + "/_sim/email",
        });
        builder.Services.AddSingleton(simulator);
        builder.Services.AddSingleton(Options.Create(dev));
        builder.Services.AddHostedService<DevSeed>();
    }
}
