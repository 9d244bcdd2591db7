using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions;
using Grid.Abstractions.Login;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Login;

/// <summary>
/// A one-time login state, held in memory only on purpose: it lives for minutes, and every way of losing it (a silo
/// crash, the activation collected) makes a returning code fail closed as Unknown ("start again"), never succeed. So no
/// state row is written per sign-in, and none is left behind. The activation is kept past the longest state lifetime
/// (<see cref="CollectionAgeLimitAttribute"/>), so that a reuse within it is told as a reuse.
/// </summary>
[CollectionAgeLimit(Minutes = 45)]
public sealed partial class LoginStateGrain(
    TimeProvider time,
    IOptions<LoginOptions> options,
    ILogger<LoginStateGrain> logger) : Grain, ILoginStateGrain
{
    private LoginStateRequest? _request;
    private DateTimeOffset _expiresAt;
    private bool _used;

    public Task<DateTimeOffset> Begin(LoginStateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_request is not null)
        {
            throw new GridException(GridErrorKind.Conflict, "this login state was begun before");
        }

        _request = request;
        _expiresAt = time.GetUtcNow() + options.Value.StateLifetime;
        return Task.FromResult(_expiresAt);
    }

    public Task<LoginStateRedemption> Redeem(string tenantId, string? connectorId, string browserBindingHash)
    {
        var outcome = Check(tenantId, connectorId, browserBindingHash);
        if (_request is not null)
        {
            // One attempt per state, whatever its outcome: a state that came back wrong once is not tried again.
            _used = true;
        }

        if (outcome != LoginStateOutcome.Redeemed)
        {
            LogRefused(logger, tenantId, outcome);
        }

        return Task.FromResult(new LoginStateRedemption(outcome, outcome == LoginStateOutcome.Redeemed ? _request : null));
    }

    private LoginStateOutcome Check(string tenantId, string? connectorId, string browserBindingHash)
    {
        if (_request is null)
        {
            return LoginStateOutcome.Unknown;
        }

        if (_used)
        {
            return LoginStateOutcome.Reused;
        }

        if (time.GetUtcNow() >= _expiresAt)
        {
            return LoginStateOutcome.Expired;
        }

        var bound = string.Equals(_request.TenantId, tenantId, StringComparison.Ordinal)
            && (connectorId is null || string.Equals(_request.ConnectorId, connectorId, StringComparison.Ordinal))
            && CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(_request.BrowserBindingHash), Encoding.ASCII.GetBytes(browserBindingHash ?? string.Empty));
        return bound ? LoginStateOutcome.Redeemed : LoginStateOutcome.Mismatched;
    }

    [LoggerMessage(EventId = 8750, Level = LogLevel.Warning, Message = "Login state for tenant {TenantId} refused: {Outcome}")]
    private static partial void LogRefused(ILogger logger, string tenantId, LoginStateOutcome outcome);
}
