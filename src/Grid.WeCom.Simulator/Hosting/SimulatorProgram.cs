using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Grid.WeCom.Simulator.Hosting;

/// <summary>
/// The standalone simulator: binds "Simulator" (Seed, Members, Departments, Address, Port, Quotas, Callbacks),
/// generates the demo company and prints what a developer needs to point a client at it. The simulator singleton
/// is disposed by the container at shutdown, which stops its callback dispatcher.
/// </summary>
internal static class SimulatorProgram
{
    private const int DefaultPort = 5090;

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
        // Standalone, a fixed port is friendlier than a random one: 5090 unless Simulator:Port says otherwise (0 = any).
        var section = builder.Configuration.GetSection(SimulatorOptions.SectionName);
        var address = IPAddress.TryParse(section["Address"], out var parsed) ? parsed : IPAddress.Loopback;
        var port = section.GetValue<int?>("Port") ?? DefaultPort;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));

        var app = builder.Build();
        var simulator = app.Services.GetRequiredService<WeComSimulator>();
        app.UseWeComSimulatorFaults(simulator);
        app.MapWeComSimulator(simulator);
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, simulator));
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
