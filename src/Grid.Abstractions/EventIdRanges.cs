using System.Collections.Immutable;

namespace Grid.Abstractions;

/// <summary>
/// The log event ids of Grid, in ranges per area (as Npgsql's NpgsqlEventId). Every <c>[LoggerMessage]</c> takes an
/// id in the range of the area its class's namespace belongs to (the longest matching prefix), and no two share one;
/// a test scans every Grid assembly for both. A new area gets its own range here.
/// </summary>
public static class EventIdRanges
{
    public static ImmutableArray<EventIdRange> All { get; } =
    [
        new("sync", 1000, 1999, ["Grid.Grains.Sync"]),
        new("wecom", 2000, 2999, ["Grid.WeCom"]),
        new("auth and gRPC", 3000, 3999, ["Grid.Grains.Auth", "Grid.Host.Grpc"]),
        new("tenants, directory and connectors", 4000, 4999, ["Grid.Grains.Tenants", "Grid.Grains.Directory", "Grid.Grains.Connectors"]),
        new("host and dev launcher", 5000, 5999, ["Grid.Host", "Grid.Dev"]),
        new("simulator", 6000, 6999, ["Grid.WeCom.Simulator"]),
        new("callback receiver and event inbox", 7000, 7499, ["Grid.Host.Callbacks", "Grid.Grains.Events"]),
        new("incremental apply", 7500, 7999, ["Grid.Grains.Sync.Incremental"]),
        new("sessions and fallback sign-in", 8000, 8499, ["Grid.Grains.Sessions", "Grid.Host.SignIn"]),
        new("WeCom sign-in and login pages", 8500, 8999, ["Grid.Grains.Login", "Grid.Host.Login"]),
        new("OpenID Connect provider", 9000, 9499, ["Grid.Host.Oidc", "Grid.Grains.Oidc"]),
        new("telemetry and cluster operations", 9500, 9749, ["Grid.Host.Telemetry", "Grid.Host.Cluster", "Grid.Grains.Cluster"]),
        new("grain storage", 9750, 9999, ["Grid.Grains.Storage", "Grid.Host.Storage"]),
    ];

    /// <summary>The area of a namespace: the range with the longest prefix it starts with, or null.</summary>
    public static EventIdRange? AreaOf(string? ns) => All
        .SelectMany(range => range.Namespaces, (range, prefix) => (range, prefix))
        .Where(x => ns is not null && (ns == x.prefix || ns.StartsWith(x.prefix + ".", StringComparison.Ordinal)))
        .OrderByDescending(x => x.prefix.Length)
        .Select(x => x.range)
        .FirstOrDefault();
}

/// <summary>One area's event ids: <see cref="First"/> to <see cref="Last"/> inclusive.</summary>
public sealed record EventIdRange(string Area, int First, int Last, ImmutableArray<string> Namespaces)
{
    public bool Contains(int eventId) => eventId >= First && eventId <= Last;
}
