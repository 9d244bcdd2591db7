using Grid.WeCom.Simulator.Api;
using Grid.WeCom.Simulator.Control;
using Grid.WeCom.Simulator.Faults;
using Grid.WeCom.Simulator.Login;

namespace Grid.WeCom.Simulator.Hosting;

/// <summary>Plugs a <see cref="WeComSimulator"/> into an ASP.NET Core pipeline (its own host, or another app's).</summary>
public static class SimulatorEndpointExtensions
{
    /// <summary>Counts requests and applies injected faults; register before the endpoints.</summary>
    public static IApplicationBuilder UseWeComSimulatorFaults(this IApplicationBuilder app, WeComSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(simulator);
        return app.UseMiddleware<FaultMiddleware>(simulator);
    }

    /// <summary>
    /// Maps WeCom's three path spaces on one origin: the API (/cgi-bin/*), OAuth (/connect/oauth2/authorize) and QR
    /// login (/wwlogin/sso/login), plus the simulator's control API (/_sim/*).
    /// </summary>
    public static IEndpointRouteBuilder MapWeComSimulator(this IEndpointRouteBuilder endpoints, WeComSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(simulator);
        CgiBinEndpoints.Map(endpoints, simulator);
        LoginEndpoints.Map(endpoints, simulator);
        ControlEndpoints.Map(endpoints, simulator);
        return endpoints;
    }
}
