using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Grid.WeCom.Simulator.Hosting;

/// <summary>
/// The standalone simulator: binds "Simulator" (Seed, Members, Departments, Address, Port, Quotas, Callbacks),
/// generates the demo company and prints what a developer needs to point a client at it.
/// </summary>
internal static class SimulatorProgram
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        builder.Services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            options.LoggerFactory = provider.GetRequiredService<ILoggerFactory>();
            return new WeComSimulator(options);
        });
        var configured = builder.Configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
        var address = IPAddress.TryParse(configured.Address, out var parsed) ? parsed : IPAddress.Loopback;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, configured.Port == 0 ? 5090 : configured.Port));

        var app = builder.Build();
        var simulator = app.Services.GetRequiredService<WeComSimulator>();
        app.UseWeComSimulatorFaults(simulator);
        app.MapWeComSimulator(simulator);
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, simulator));
        app.Lifetime.ApplicationStopping.Register(() => simulator.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return app;
    }

    private static void PrintBanner(WebApplication app, WeComSimulator simulator)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var company = simulator.Company;
        var appInfo = company.DefaultApp;
        // A simulator exists to be pointed at: printing its (fake) secret is the point, not a leak.
        Console.WriteLine($"""

            WeCom simulator at {address}
              company      {company.Name}: {company.MemberCount} members, {company.DepartmentCount} departments
              corp id      {company.CorpId}
              agent id     {appInfo.AgentId}
              secret       {appInfo.Secret}
              trusted dom. {appInfo.TrustedDomain}
              configure    WeCom:ApiBaseUrl={address}  WeCom:OAuthBaseUrl={address}  WeCom:LoginBaseUrl={address}
              try          {address}/cgi-bin/gettoken?corpid={company.CorpId}&corpsecret={appInfo.Secret}
                           {address}/_sim/company   (control API: /_sim/members, /_sim/departments, /_sim/faults, /_sim/callbacks)
            """);
    }
}
