using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Grains;
using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

/// <summary>
/// The SMS fallback and the password reset by SMS code, shared by the Auth RPCs and the login page's forms: the
/// connector must allow the fallback (SMS for a login code, password for a reset code) and a sender must be
/// configured; sends are throttled per mobile, per client address and per tenant; a code names an account by its
/// mobile, and every mismatch (wrong, expired or spent code, no such account) is one answer. Mobiles are normalized
/// by the caller.
/// </summary>
internal sealed partial class SmsSignIn(
    IGrainFactory grains,
    IAccountFinder accounts,
    SmsCodeDelivery delivery,
    SignInSessionIssuer issuer,
    IOptions<Grains.Sessions.SessionOptions> options,
    ILogger<SmsSignIn> logger)
{
    /// <summary>
    /// Sends a code for <paramref name="purpose"/> to the mobile when an active account has it; the answer is the
    /// same either way. <paramref name="clientAddress"/> (the user's IP address; empty when unknown) has its own quota.
    /// </summary>
    public async Task<SmsSendResult> SendAsync(
        string tenantId, string connectorId, SmsCodePurpose purpose, string mobile, string clientAddress, CancellationToken cancel)
    {
        if (await RequireAsync(tenantId, connectorId, purpose, cancel) is { } refused)
        {
            return new SmsSendResult(refused, default);
        }

        var quotas = options.Value.SmsCodes;
        if (clientAddress.Length > 0
            && await TakeAsync(SessionKeys.SmsQuota(tenantId, clientAddress), quotas.MaxPerClientAddress, quotas.QuotaWindow, cancel) is { } perClient)
        {
            LogQuotaReached(logger, tenantId, "client address");
            return new SmsSendResult(SignInResult.Refused(SignInOutcome.Throttled, "too many codes were asked for from this address", perClient), default);
        }

        if (await TakeAsync(SessionKeys.SmsQuota(tenantId, null), quotas.MaxPerTenant, quotas.QuotaWindow, cancel) is { } perTenant)
        {
            LogQuotaReached(logger, tenantId, "tenant");
            return new SmsSendResult(SignInResult.Refused(SignInOutcome.Throttled, "too many codes are being asked for in this organization", perTenant), default);
        }

        var account = await accounts.FindAsync(tenantId, UniqueField.Mobile, mobile).WaitAsync(cancel);
        var issue = await delivery.SendAsync(tenantId, purpose, mobile, send: account is { Status: AccountStatus.Active }, cancel);
        var result = issue.Code is null
            ? SignInResult.Refused(SignInOutcome.Throttled, "a code was sent to this mobile just now", issue.RetryAfter)
            : new SignInResult(SignInOutcome.Succeeded, null, "", issue.RetryAfter);
        return new SmsSendResult(result, issue.ExpiresAt);
    }

    /// <summary>Signs in with a login code sent to the mobile.</summary>
    public async Task<SignInResult> SignInAsync(
        string tenantId, string connectorId, string mobile, string code, SessionClient client, CancellationToken cancel)
    {
        using var scope = LogScopes.SignIn(logger, tenantId, connectorId, SignInMethods.Amr(SignInMethod.SmsCode));
        var holder = await CodeHolderAsync(tenantId, connectorId, SmsCodePurpose.Login, mobile, code, cancel);
        SignInMetrics.SignIn(SignInMethod.SmsCode, holder.Outcome);
        if (holder.Outcome != SignInOutcome.Succeeded)
        {
            return holder;
        }

        var session = await issuer.OpenAsync(tenantId, holder.AccountId, SignInMethod.SmsCode, client, cancel);
        return new SignInResult(SignInOutcome.Succeeded, session, "", TimeSpan.Zero, holder.AccountId);
    }

    /// <summary>
    /// Sets a new password (valid by <see cref="PasswordPolicy"/>) with a reset code sent to the mobile; lifts a
    /// lockout, and every session of the account is revoked (the account grain does it with the new password).
    /// </summary>
    public async Task<SignInResult> ResetPasswordAsync(
        string tenantId, string connectorId, string mobile, string code, string newPassword, CancellationToken cancel)
    {
        var holder = await CodeHolderAsync(tenantId, connectorId, SmsCodePurpose.ResetPassword, mobile, code, cancel);
        if (holder.Outcome != SignInOutcome.Succeeded)
        {
            return holder;
        }

        var key = GridKeys.Account(tenantId, holder.AccountId);
        await grains.GetGrain<IAccountGrain>(key).SetPassword(newPassword).WaitAsync(cancel);
        await grains.GetGrain<IPasswordSignInGrain>(key).Clear().WaitAsync(cancel);
        SignInLog.PasswordReset(logger, tenantId, holder.AccountId);
        return holder;
    }

    // The active account a valid code of the purpose names (outcome SignedIn, no session yet), or the refusal.
    private async Task<SignInResult> CodeHolderAsync(
        string tenantId, string connectorId, SmsCodePurpose purpose, string mobile, string code, CancellationToken cancel)
    {
        if (await RequireAsync(tenantId, connectorId, purpose, cancel) is { } refused)
        {
            return refused;
        }

        var check = await delivery.VerifyAsync(tenantId, purpose, mobile, code, cancel);
        var account = check == SmsCodeCheck.Accepted
            ? await accounts.FindAsync(tenantId, UniqueField.Mobile, mobile).WaitAsync(cancel)
            : null;
        if (account is null)
        {
            SignInLog.SmsRejected(logger, tenantId, purpose);
            return SignInResult.Refused(SignInOutcome.InvalidCredentials, PasswordSignIn.InvalidCredentials);
        }

        return SignInAccounts.Unavailable(account) is { } reason
            ? SignInResult.Refused(SignInOutcome.AccountUnavailable, reason)
            : new SignInResult(SignInOutcome.Succeeded, null, "", TimeSpan.Zero, account.AccountId);
    }

    // The SMS fallback for a login code, the password fallback for a reset code; either needs a sender.
    private async Task<SignInResult?> RequireAsync(string tenantId, string connectorId, SmsCodePurpose purpose, CancellationToken cancel)
    {
        var connector = await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, connectorId)).Get().WaitAsync(cancel);
        if (connector is null)
        {
            return SignInResult.Refused(SignInOutcome.NoSuchConnector, $"connector '{connectorId}' does not exist in tenant '{tenantId}'");
        }

        var (enabled, fallback) = purpose == SmsCodePurpose.Login
            ? (connector.Features.SmsFallback, "SMS")
            : (connector.Features.PasswordFallback, "password");
        if (!enabled)
        {
            return SignInResult.Refused(SignInOutcome.NotEnabled, $"{fallback} sign-in is not enabled on connector '{connectorId}' of tenant '{tenantId}'");
        }

        return delivery.IsAvailable
            ? null
            : SignInResult.Refused(SignInOutcome.Unavailable, "SMS codes are unavailable: no SMS sender is configured (Grid:SignIn:Sms:WebhookUrl)");
    }

    private async Task<TimeSpan?> TakeAsync(string key, int limit, TimeSpan window, CancellationToken cancel)
    {
        var wait = await grains.GetGrain<ISmsQuotaGrain>(key).Take(limit, window).WaitAsync(cancel);
        return wait > TimeSpan.Zero ? wait : null;
    }

    [LoggerMessage(EventId = 8100, Level = LogLevel.Warning, Message = "SMS codes of tenant {TenantId} throttled: the {Quota} quota is reached")]
    private static partial void LogQuotaReached(ILogger logger, string tenantId, string quota);
}

/// <summary>A code sent (outcome SignedIn, with its expiry and the wait before the next) or the refusal.</summary>
internal sealed record SmsSendResult(SignInResult Result, DateTimeOffset ExpiresAt);
