using Google.Protobuf.WellKnownTypes;
using Grid.Abstractions.Sync;
using Grid.Contracts.V1;
using V1 = Grid.Contracts.V1;

namespace Grid.Host.Grpc;

/// <summary>
/// Admin.GetClusterStatus: the membership table and each active silo's runtime statistics through Orleans'
/// <see cref="IManagementGrain"/>, and the active runs of the sync coordinators that are activated now (a coordinator
/// with an active run keeps itself activated, so none is missed and none is activated by asking).
/// </summary>
internal sealed class ClusterStatusReader(IGrainFactory grains, ILocalSiloDetails silo)
{
    /// <summary>How long one silo's statistics may take before it is shown without them.</summary>
    private static readonly TimeSpan StatisticsTimeout = TimeSpan.FromSeconds(5);

    public async Task<GetClusterStatusResponse> ReadAsync(bool includeDead, CancellationToken cancel)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = (await management.GetDetailedHosts(onlyActive: false).WaitAsync(cancel))
            .Where(host => includeDead || host.Status != SiloStatus.Dead)
            .OrderBy(host => host.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .ToList();
        var loads = await Task.WhenAll(hosts.Select(host => host.Status == SiloStatus.Active
            ? LoadAsync(management, host.SiloAddress, cancel)
            : Task.FromResult<SiloLoad?>(null)));

        var response = new GetClusterStatusResponse { AnsweredBy = Address(silo.SiloAddress) };
        response.Silos.AddRange(hosts.Select((host, i) => new ClusterSilo
        {
            Address = Address(host.SiloAddress),
            Name = host.SiloName ?? "",
            Status = State(host.Status),
            HostName = host.HostName ?? "",
            StartedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(host.StartTime, DateTimeKind.Utc)),
            Load = loads[i],
        }));
        response.ActiveRuns.AddRange(await ActiveRunsAsync(management, cancel));
        return response;
    }

    private static async Task<SiloLoad?> LoadAsync(IManagementGrain management, SiloAddress address, CancellationToken cancel)
    {
        try
        {
            var statistics = (await management.GetRuntimeStatistics([address]).WaitAsync(StatisticsTimeout, cancel))[0];
            var environment = statistics.EnvironmentStatistics;
            var load = new SiloLoad
            {
                ActivationCount = statistics.ActivationCount,
                RecentlyUsedActivationCount = statistics.RecentlyUsedActivationCount,
                IsOverloaded = statistics.IsOverloaded,
                ClientCount = statistics.ClientCount,
                CpuUsagePercent = environment.FilteredCpuUsagePercentage,
                MemoryUsageBytes = environment.FilteredMemoryUsageBytes,
                AvailableMemoryBytes = environment.FilteredAvailableMemoryBytes,
            };
            return load;
        }
        catch (Exception error) when (error is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            // A silo that is leaving or unreachable is shown by its membership row alone.
            return null;
        }
    }

    private async Task<IEnumerable<V1.SyncRun>> ActiveRunsAsync(IManagementGrain management, CancellationToken cancel)
    {
        var coordinatorType = grains.GetGrain<ISyncCoordinatorGrain>("-").GetGrainId().Type;
        var coordinators = await management.GetActiveGrains(coordinatorType).AsTask().WaitAsync(cancel);
        var pages = await Task.WhenAll(coordinators.Select(id =>
            grains.GetGrain<ISyncCoordinatorGrain>(id.Key.ToString()!).ListRuns(null, 10).WaitAsync(cancel)));
        return pages.SelectMany(page => page.Runs)
            .Where(run => run.IsActive)
            .OrderBy(run => run.StartedAt)
            .Select(run => run.ToProto());
    }

    private static string Address(SiloAddress address) => $"{address.Endpoint.Address}:{address.Endpoint.Port}";

    private static SiloState State(SiloStatus status) => status switch
    {
        SiloStatus.Active => SiloState.Active,
        SiloStatus.ShuttingDown => SiloState.ShuttingDown,
        SiloStatus.Stopping => SiloState.Stopping,
        SiloStatus.Dead => SiloState.Dead,
        _ => SiloState.Joining,
    };
}
