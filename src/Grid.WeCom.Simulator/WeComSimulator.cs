using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.WeCom.Simulator.Api;
using Grid.WeCom.Simulator.Callbacks;
using Grid.WeCom.Simulator.Faults;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Hosting;
using Grid.WeCom.Simulator.Login;
using Grid.WeCom.Simulator.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.WeCom.Simulator;

/// <summary>
/// The state of a simulated WeCom behind one origin: the companies it serves, their tokens, login codes and
/// user tickets, quotas, injected faults and the callback dispatcher. Served over HTTP by
/// <see cref="WeComSimulatorHost"/> (or mapped into another app with
/// <see cref="SimulatorEndpointExtensions.MapWeComSimulator"/>); tests drive it in-process through this object.
/// </summary>
public sealed class WeComSimulator : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<SimulatedCompany> _companies = [];
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private int _disposed;

    /// <summary>Creates the simulator, generating the demo company unless <see cref="SimulatorOptions.Company"/> is set.</summary>
    public WeComSimulator(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SimulatorOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        Options = options;
        TimeProvider = options.TimeProvider;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Grid.WeCom.Simulator");
        Quotas = options.Quotas;
        Tokens = new TokenStore(TimeProvider, options.TokenLifetime);
        Codes = new CodeStore(TimeProvider, options.CodeLifetime);
        Tickets = new UserTicketStore(TimeProvider, options.UserTicketLifetime);
        QuotaCounters = new QuotaTracker(TimeProvider);
        Callbacks = new CallbackDispatcher(options.Callbacks, TimeProvider, Logger);
        var company = options.Company;
        if (company is null)
        {
            var started = Stopwatch.GetTimestamp();
            company = CompanyGenerator.Generate(options.Seed, options.Members, options.Departments, options.TrustedDomain);
            SimulatorLog.CompanyGenerated(
                Logger, company.CorpId, company.MemberCount, company.DepartmentCount,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, options.Seed);
        }

        AddCompany(company);
    }

    /// <summary>The clock of tokens, codes, tickets, quotas and event timestamps.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The first company: the one a single-tenant test or dev run uses.</summary>
    public SimulatedCompany Company
    {
        get
        {
            lock (_gate)
            {
                return _companies[0];
            }
        }
    }

    public IReadOnlyList<SimulatedCompany> Companies
    {
        get
        {
            lock (_gate)
            {
                return [.. _companies];
            }
        }
    }

    /// <summary>Faults to inject per path.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>The text messages received as a stand-in SMS gateway (/_sim/sms).</summary>
    public Control.GatewayInbox<Control.SmsMessage> Sms { get; } = new();

    /// <summary>The emails received as a stand-in mail gateway (/_sim/email).</summary>
    public Control.GatewayInbox<Control.EmailMessage> Email { get; } = new();

    /// <summary>The change_contact deliveries: log and awaiting.</summary>
    public CallbackDispatcher Callbacks { get; }

    /// <summary>
    /// Raised, on the request's thread and before the answer is written, whenever a WeCom path answers a non-zero
    /// errcode: tests use it as a signal (e.g. advance a FakeTimeProvider when 45009 is answered).
    /// </summary>
    public event EventHandler<ErrCodeAnsweredEventArgs>? ErrCodeAnswered;

    /// <summary>Frequency limits, read on every call: switch them on or change them at any time.</summary>
    public SimulatorQuotaOptions Quotas { get; }

    internal SimulatorOptions Options { get; }

    internal ILogger Logger { get; }

    internal TokenStore Tokens { get; }

    internal CodeStore Codes { get; }

    internal UserTicketStore Tickets { get; }

    internal QuotaTracker QuotaCounters { get; }

    /// <summary>Requests received per path (faulted ones included), e.g. "/cgi-bin/user/list_id".</summary>
    public IReadOnlyDictionary<string, long> CallCounts => new Dictionary<string, long>(_calls, StringComparer.Ordinal);

    /// <summary>Requests received on one path (accepts the same forms as <see cref="FaultInjector.Normalize"/>).</summary>
    public long CallCount(string path) => _calls.GetValueOrDefault(FaultInjector.Normalize(path));

    public void ResetCallCounts() => _calls.Clear();

    /// <summary>Serves another company from the same origin (its corp id selects it in gettoken and login URLs).</summary>
    public void AddCompany(SimulatedCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        lock (_gate)
        {
            if (_companies.Any(c => c.CorpId == company.CorpId))
            {
                throw new ArgumentException($"Company {company.CorpId} is already served.", nameof(company));
            }

            company.Attach(Callbacks);
            _companies.Add(company);
        }
    }

    public SimulatedCompany? FindCompany(string corpId)
    {
        lock (_gate)
        {
            return _companies.Find(c => string.Equals(c.CorpId, corpId, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Invalidates the app's current access_token early, as WeCom may: the next business call with it gets 40014 and
    /// the next gettoken returns a new token. Returns whether a token was current.
    /// </summary>
    public bool RevokeTokens(int agentId) => RevokeTokens(Company.CorpId, agentId);

    /// <inheritdoc cref="RevokeTokens(int)"/>
    public bool RevokeTokens(string corpId, int agentId)
    {
        var revoked = Tokens.Revoke(corpId, agentId);
        SimulatorLog.TokensRevoked(Logger, revoked ? 1 : 0, corpId);
        return revoked;
    }

    /// <summary>
    /// Saves an app's callback settings the way WeCom's admin console does: only after the URL passed WeCom's
    /// check (GET with an encrypted echostr, answered with the decrypted echostr). Refused with 40057 otherwise, and
    /// with 40058 (invalid parameter) for a Token that is not 1-32 letters and digits or an EncodingAESKey that is not
    /// 43 letters and digits, leaving the app unchanged. <see cref="SimulatedCompany.UpdateApp(SimulatedApp)"/> sets them without the check.
    /// </summary>
    public async Task<SimulatedApp> ConfigureCallbackAsync(
        SimulatedCompany company,
        int agentId,
        SimulatedCallbackSettings settings,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(settings);
        company.App(agentId);

        // WeCom's rules for the two settings: Token "由英文或数字组成且长度不超过32位", EncodingAESKey "由英文或数字组成且长度为43位".
        if (settings.Token.Length is 0 or > 32 || !settings.Token.All(char.IsAsciiLetterOrDigit))
        {
            throw new WeComSimulatorException(WeComErrors.InvalidParameter, "invalid callback token: 1 to 32 letters and digits");
        }

        if (settings.EncodingAesKey.Length != 43 || !settings.EncodingAesKey.All(char.IsAsciiLetterOrDigit))
        {
            throw new WeComSimulatorException(WeComErrors.InvalidParameter, "invalid EncodingAESKey: 43 letters and digits");
        }

        var failure = await Callbacks.VerifyUrlAsync(company.CorpId, settings, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            throw new WeComSimulatorException(WeComErrors.InvalidCallbackUrl, $"invalid callback url: {failure}");
        }

        return company.UpdateApp(agentId, app => app with { Callback = settings });
    }

    /// <inheritdoc cref="ConfigureCallbackAsync(SimulatedCompany, int, SimulatedCallbackSettings, CancellationToken)"/>
    public Task<SimulatedApp> ConfigureCallbackAsync(int agentId, SimulatedCallbackSettings settings, CancellationToken cancellationToken = default) =>
        ConfigureCallbackAsync(Company, agentId, settings, cancellationToken);

    /// <summary>Forgets the quota counters and lifts every 45009 block.</summary>
    public void ResetQuotas() => QuotaCounters.Reset();

    internal void OnErrCodeAnswered(string path, int errCode, bool injected) =>
        ErrCodeAnswered?.Invoke(this, new ErrCodeAnsweredEventArgs(path, errCode, injected));

    internal void CountCall(string path) => _calls.AddOrUpdate(path, 1, static (_, count) => count + 1);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var company in Companies)
        {
            company.Detach(Callbacks);
        }

        await Callbacks.DisposeAsync().ConfigureAwait(false);
    }
}
