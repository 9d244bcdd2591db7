using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Sync;
using Grid.Abstractions.Tenants;
using Grid.Host.Callbacks;
using Grid.Host.Hosting;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Model;
using Microsoft.Extensions.Options;

namespace Grid.Dev;

/// <summary>
/// Seeds the dev demo once the host listens: tenant <c>demo</c>, connector <c>wecom</c> configured against the
/// in-process simulator's company, and a first full sync whose outcome is logged. The connector's three domains and the
/// simulated app's trusted domain are Grid's public domain (<see cref="GridPublicAddress"/>: the public base address,
/// or the HTTP endpoint as bound), so WeCom sign-in works wherever Grid is reached. Disposes the simulator at shutdown.
/// </summary>
internal sealed partial class DevSeed(
    IGrainFactory grains,
    WeComSimulatorHost simulator,
    IOptions<DevOptions> options,
    GridBanner banner,
    GridPublicAddress publicAddress,
    ILogger<DevSeed> logger) : IHostedLifecycleService
{
    private const string Actor = "dev-seed";
    private static readonly TimeSpan FirstSyncWait = TimeSpan.FromSeconds(60);
    private readonly CancellationTokenSource _stopping = new();
    private const string DemoCallbackToken = "devtoken";
    private Task? _firstSync;
    private Task? _callbacks;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // After every StartAsync: the server listens, so the bound HTTP address (port 0 resolved) is known.
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var dev = options.Value;
        var company = simulator.Company;
        await EnsureTenantAsync(dev.TenantId, cancellationToken);

        var domain = publicAddress.Domain;
        var app = company.UpdateApp(company.DefaultApp.AgentId, app => app with { TrustedDomain = domain });
        var connector = grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(dev.TenantId, dev.ConnectorId));
        await connector.Configure(
            new WeComConnectorSettings(
                DisplayName: "Demo company (simulated WeCom)",
                CorpId: company.CorpId,
                AgentId: app.AgentId.ToString(CultureInfo.InvariantCulture),
                AppSecret: app.Secret,
                // The simulator app gets the same two, and the receiver's URL, once the host listens (CallbacksAsync).
                CallbackToken: DemoCallbackToken,
                EncodingAesKey: DemoAesKey(),
                TrustedDomain: domain,
                AuthorizedCallbackDomain: domain,
                LoginPageDomain: domain,
                EgressIps: ["127.0.0.1"],
                SyncNodeOrganizationId: GridKeys.RootOrganizationId,
                MatchRule: null,
                FieldMappings: null,
                UserIdChangeMode: UserIdChangeMode.Rebind,
                Thresholds: null,
                Schedule: null,
                Features: LoginFeatures.Default with { SmsFallback = true }),
            Actor).WaitAsync(cancellationToken);

        // WeCom checks a callback URL (a GET) before it saves it: in the background, so the first sync starts meanwhile.
        _callbacks = CallbacksAsync(dev, app.AgentId, _stopping.Token);

        var coordinator = grains.GetGrain<ISyncCoordinatorGrain>(GridKeys.Connector(dev.TenantId, dev.ConnectorId));
        var run = await coordinator.Start(dryRun: false, Actor).WaitAsync(cancellationToken);
        banner.Set("wecom", $"simulator at {simulator.BaseAddress} (corp {company.CorpId}, {dev.Members} members, {dev.Departments} departments)");

        // The demo company syncs in a second or two: wait for it (within bounds) so that the banner tells the outcome
        // and the accounts exist when the first gridctl command runs.
        var ended = await WaitForEndAsync(coordinator, run.RunId, FirstSyncWait, cancellationToken);
        var where = $"run {run.RunId} of connector '{dev.ConnectorId}' in tenant '{dev.TenantId}' (gridctl sync runs --tenant {dev.TenantId} --connector {dev.ConnectorId})";
        if (ended is not null)
        {
            LogFirstSync(logger, ended.RunId, ended.State, ended.MembersFetched, ended.DepartmentsFetched, ended.Message);
            banner.Set("first sync", string.Create(
                CultureInfo.InvariantCulture,
                $"{ended.State} in {ended.Duration(ended.EndedAt ?? ended.StartedAt).TotalSeconds:0.0} s: {ended.Applied.AccountsCreated} accounts and {ended.Applied.OrganizationsCreated} organizations created, {ended.Applied.Failed} failed; {where}"));
        }
        else
        {
            banner.Set("first sync", $"still running after {FirstSyncWait.TotalSeconds:0} s; {where}");
            _firstSync = ReportAsync(coordinator, run.RunId, _stopping.Token);
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_firstSync is not null)
        {
            await _firstSync.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_callbacks is not null)
        {
            await _callbacks.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await simulator.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task EnsureTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = grains.GetGrain<ITenantGrain>(GridKeys.Tenant(tenantId));
        if (await tenant.Exists().WaitAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await tenant.Create("Demo", "Asia/Shanghai").WaitAsync(cancellationToken);
        }
        catch (GridException ex) when (ex.Kind == GridErrorKind.Conflict)
        {
            // The dev credential bootstrapper created it at the same moment: it exists, which is all we need.
        }
    }

    private static async Task<SyncRun?> WaitForEndAsync(
        ISyncCoordinatorGrain coordinator, string runId, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        SyncRun? last = null;
        try
        {
            await foreach (var update in coordinator.Watch(runId, timeout.Token))
            {
                last = update;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not ended within the limit: the caller reports it later.
            return null;
        }

        return last is { IsActive: false } ? last : null;
    }

    private async Task ReportAsync(ISyncCoordinatorGrain coordinator, string runId, CancellationToken cancellationToken)
    {
        try
        {
            SyncRun? last = null;
            await foreach (var update in coordinator.Watch(runId, cancellationToken))
            {
                last = update;
            }

            if (last is not null)
            {
                LogFirstSync(logger, last.RunId, last.State, last.MembersFetched, last.DepartmentsFetched, last.Message);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down before the first sync ended.
        }
    }

    // Points the simulator app's callbacks at this host's receiver, so that a /_sim mutation arrives live.
    private async Task CallbacksAsync(DevOptions dev, int agentId, CancellationToken cancellationToken)
    {
        try
        {
            var url = CallbackUrl.For(publicAddress.Base, dev.TenantId, dev.ConnectorId);
            await simulator.Simulator.ConfigureCallbackAsync(
                simulator.Company,
                agentId,
                new SimulatedCallbackSettings { Url = url, Token = DemoCallbackToken, EncodingAesKey = DemoAesKey() },
                cancellationToken);
            banner.Set("callbacks", $"the simulator posts change callbacks to {url} (gridctl wecom events list --tenant {dev.TenantId} --connector {dev.ConnectorId})");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down first.
        }
        catch (WeComSimulatorException ex)
        {
            LogCallbacksNotConfigured(logger, ex.ErrCode, ex.Message);
        }
    }

    // A fixed, valid-looking EncodingAESKey (43 letters and digits) for the demo connector's unused callback settings.
    private static string DemoAesKey() => new(Enumerable.Range(0, 43).Select(i => "abcdefghijklmnopqrstuvwxyz0123456789"[i % 36]).ToArray());

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Dev demo: the first sync {RunId} ended {State}: {Members} members and {Departments} departments fetched. {Message}")]
    private static partial void LogFirstSync(ILogger logger, string runId, SyncRunState state, int members, int departments, string message);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning,
        Message = "Dev demo: the simulator refused the callback URL ({ErrCode}: {Message}); changes arrive only with full syncs")]
    private static partial void LogCallbacksNotConfigured(ILogger logger, int errCode, string message);
}
