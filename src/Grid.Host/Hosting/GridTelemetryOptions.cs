namespace Grid.Host.Hosting;

/// <summary>Observability settings, bound from <c>Grid:Telemetry</c>.</summary>
public sealed class GridTelemetryOptions
{
    public const string SectionName = "Grid:Telemetry";

    /// <summary>Serve Prometheus' text format at <c>/metrics</c> on the HTTP endpoint (default true).</summary>
    public bool Prometheus { get; set; } = true;

    public GridOtlpOptions Otlp { get; set; } = new();
}

/// <summary>The OTLP exporter: off unless <see cref="Endpoint"/> is set.</summary>
public sealed class GridOtlpOptions
{
    /// <summary>
    /// The collector's address, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c>
    /// (<see cref="Protocol"/> <c>http/protobuf</c>). Set, metrics, traces and logs (with their scopes) are exported.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";
}
