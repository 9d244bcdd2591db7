using Grid.WeCom.Simulator.Callbacks;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Hosting;

/// <summary>
/// Settings of a simulator (configuration section "Simulator" for the standalone program). When
/// <see cref="Company"/> is null a demo company is generated from <see cref="Seed"/>, <see cref="Members"/> and
/// <see cref="Departments"/>.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section the standalone program binds.</summary>
    public const string SectionName = "Simulator";

    /// <summary>Loopback address to listen on.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one.</summary>
    public int Port { get; set; }

    public int Seed { get; set; } = 1;

    public int Members { get; set; } = 200;

    public int Departments { get; set; } = 20;

    /// <summary>
    /// The generated app's trusted domain (可信域名, host[:port]) that login redirects must use: Grid's public domain.
    /// Default: Grid.Host's default HTTP endpoint, 127.0.0.1:5080.
    /// </summary>
    public string TrustedDomain { get; set; } = Generation.CompanyGenerator.DefaultTrustedDomain;

    /// <summary>The company to serve instead of a generated one.</summary>
    public SimulatedCompany? Company { get; set; }

    /// <summary>Clock of tokens, codes, tickets, quotas and event timestamps (a FakeTimeProvider in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging for the simulator and its Kestrel server; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>access_token lifetime (expires_in).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

    /// <summary>OAuth and QR-login code lifetime.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>user_ticket lifetime.</summary>
    public TimeSpan UserTicketLifetime { get; set; } = TimeSpan.FromSeconds(1800);

    public SimulatorQuotaOptions Quotas { get; set; } = new();

    public SimulatorCallbackOptions Callbacks { get; set; } = new();
}
