using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Grains.Directory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sessions;

public sealed partial class PasswordSignInGrain(
    [PersistentState("password-sign-in", "grid")] IPersistentState<PasswordSignInState> state,
    IOptions<SessionOptions> options,
    PasswordDecoy decoy,
    TimeProvider time,
    ILogger<PasswordSignInGrain> logger) : Grain, IPasswordSignInGrain
{
    // A row holds only failures within the window and a lock: once both have passed it holds nothing, and it is
    // deleted (at the activation's end, or at the next activation when a stop kept it), so that the rows of logins
    // that name no account (any text a caller tries) do not pile up. The activation stays until then.
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && InForceUntil() <= time.GetUtcNow())
        {
            await state.ClearStateAsync(cancellationToken);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.RecordExists && InForceUntil() <= time.GetUtcNow())
        {
            await state.ClearStateAsync(cancellationToken);
        }
    }

    public async Task<PasswordCheck> Verify(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var now = time.GetUtcNow();
        if (state.State.LockedUntil is { } lockedUntil && now < lockedUntil)
        {
            return new PasswordCheck(PasswordCheckOutcome.Locked, lockedUntil - now);
        }

        var account = GrainFactory.GetGrain<IAccountGrain>(this.GetPrimaryKeyString());
        if (await account.VerifyPassword(password))
        {
            await Clear();
            return new PasswordCheck(PasswordCheckOutcome.Accepted, TimeSpan.Zero);
        }

        await RecordFailureAsync(now);
        return new PasswordCheck(PasswordCheckOutcome.Rejected, TimeSpan.Zero);
    }

    public async Task<PasswordCheck> RejectUnknown(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var now = time.GetUtcNow();
        if (state.State.LockedUntil is { } lockedUntil && now < lockedUntil)
        {
            return new PasswordCheck(PasswordCheckOutcome.Locked, lockedUntil - now);
        }

        decoy.Verify(password);
        await RecordFailureAsync(now);
        return new PasswordCheck(PasswordCheckOutcome.Rejected, TimeSpan.Zero);
    }

    public async Task Clear()
    {
        if (state.State.Failures.Count > 0 || state.State.LockedUntil is not null)
        {
            await state.WriteOrRevertAsync(new PasswordSignInState());
        }
    }

    // Until when the state counts: its lock, or the window of its latest failure.
    private DateTimeOffset InForceUntil()
    {
        var lastFailure = state.State.Failures.Count > 0 ? state.State.Failures[^1] + options.Value.Lockout.Window : DateTimeOffset.MinValue;
        return state.State.LockedUntil is { } lockedUntil && lockedUntil > lastFailure ? lockedUntil : lastFailure;
    }

    private async Task RecordFailureAsync(DateTimeOffset now)
    {
        // The failure that reaches the limit is answered as a failure; the attempts after it find the lock.
        var lockout = options.Value.Lockout;
        var failures = state.State.Failures.Where(at => at > now - lockout.Window).Append(now).TakeLast(lockout.MaxFailures).ToList();
        if (failures.Count >= lockout.MaxFailures)
        {
            var until = now + lockout.Duration;
            await state.WriteOrRevertAsync(new PasswordSignInState { LockedUntil = until });
            var (tenantId, accountId) = GridKeys.SplitTenant(this.GetPrimaryKeyString());
            LogLocked(logger, tenantId, accountId, failures.Count, until);
        }
        else
        {
            await state.WriteOrRevertAsync(new PasswordSignInState { Failures = failures });
        }

        DelayDeactivation(InForceUntil() - now);
    }

    [LoggerMessage(EventId = 8270, Level = LogLevel.Warning, Message = "Password sign-in of account {AccountId} in tenant {TenantId} locked after {Failures} failures, until {LockedUntil:O}")]
    private static partial void LogLocked(ILogger logger, string tenantId, string accountId, int failures, DateTimeOffset lockedUntil);
}
