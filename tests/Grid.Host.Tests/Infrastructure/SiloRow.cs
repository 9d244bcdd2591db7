namespace Grid.Host.Tests.Infrastructure;

/// <summary>One row of orleans_silo, as the tests check it.</summary>
public sealed record SiloRow(
    string Address,
    int Port,
    int Generation,
    string SiloName,
    SiloStatus Status,
    int ProxyPort,
    string? SuspectTimes,
    DateTime StartTime,
    DateTime IAmAliveTime)
{
    public bool Is(SiloAddress silo) =>
        Address == silo.Endpoint.Address.ToString() && Port == silo.Endpoint.Port && Generation == silo.Generation;

    public override string ToString() =>
        $"{SiloName} {Address}:{Port}@{Generation} {Status}" + (SuspectTimes is null ? "" : $" suspected by [{SuspectTimes}]");
}
