namespace Grid.Dev;

/// <summary>The dev profile's demo: an in-process WeCom simulator and a ready connector (section <c>Grid:Dev</c>).</summary>
public sealed class DevOptions
{
    public const string SectionName = "Grid:Dev";

    /// <summary>Start the simulator and seed the demo. Off by itself when <c>WeCom:ApiBaseUrl</c> is configured.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>The simulator's port on 127.0.0.1 (0: any free port).</summary>
    public int SimulatorPort { get; set; } = 5070;

    /// <summary>The generated company: same seed, same company.</summary>
    public int Seed { get; set; } = 7;

    public int Members { get; set; } = 200;

    public int Departments { get; set; } = 20;

    /// <summary>The demo tenant (the dev admin credential is issued for the same one).</summary>
    public string TenantId { get; set; } = "demo";

    public string ConnectorId { get; set; } = "wecom";
}
