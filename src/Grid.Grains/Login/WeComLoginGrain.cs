using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Login;
using Grid.Abstractions.Sync;
using Grid.Grains.Sync;
using Grid.Grains.Sync.Incremental;
using Grid.WeCom.Events;
using Grid.WeCom.Api;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Grid.Grains.Login;

[StatelessWorker]
public sealed partial class WeComLoginGrain(
    WeComClient wecom,
    IContactChangeApplier provisioner,
    TimeProvider time,
    ILogger<WeComLoginGrain> logger) : Grain, IWeComLoginGrain
{
    private string TenantId => GridKeys.SplitTenant(this.GetPrimaryKeyString()).TenantId;

    private string ConnectorId => GridKeys.SplitTenant(this.GetPrimaryKeyString()).Remainder;

    public async Task<WeComLoginResult> Complete(string code, LoginMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var connector = GrainFactory.GetGrain<IWeComConnectorGrain>(this.GetPrimaryKeyString());

        // Both asked at once, so a sign-in waits on one round trip to the connector, not two. A connector not
        // configured answers GetSecrets with NotFound, which is then what the sign-in gets.
        var reading = connector.Get();
        var unsealing = connector.GetSecrets();
        await Task.WhenAll(reading, unsealing);
        var view = await reading ?? throw GridException.NotFound($"connector '{ConnectorId}' is not configured");
        var secrets = await unsealing;
        if (!(mode == LoginMode.Qr ? view.Features.QrLogin : view.Features.WebLogin))
        {
            return WeComLoginResult.Refused(WeComLoginFailure.NotEnabled);
        }

        var app = new WeComApp(secrets.CorpId, secrets.AgentId, secrets.AppSecret);
        WeComUserInfo identity;
        try
        {
            identity = await wecom.GetUserInfoAsync(app, code);
        }
        catch (WeComApiException error) when (error.ErrCode == WeComErrorCodes.InvalidOAuthCode)
        {
            LogCodeRefused(logger, TenantId, ConnectorId, error.ErrCode);
            return WeComLoginResult.Refused(WeComLoginFailure.WeComRefused);
        }

        if (!identity.IsMember)
        {
            return WeComLoginResult.Refused(WeComLoginFailure.NotAMember);
        }

        var userId = identity.UserId;
        var member = GrainFactory.GetGrain<IWeComMemberSyncGrain>(SyncKeys.Member(TenantId, ConnectorId, userId));
        var known = await member.Get();
        if (known?.AccountId is null && view.Features.ContactSync)
        {
            // Not synchronized yet (joined since the last run, its callback still on the way): provisioned now through
            // the one mapping path a callback takes, which fetches the member fresh from WeCom.
            var eventId = "login-" + Guid.NewGuid().ToString("N");
            var created = new MemberCreated(secrets.CorpId, time.GetUtcNow(), userId, new MemberFields());
            var outcome = await provisioner.ApplyAsync(TenantId, ConnectorId, eventId, created, CancellationToken.None);
            LogProvisioned(logger, TenantId, ConnectorId, userId, outcome);
            known = await member.Get();
        }

        if (known?.AccountId is not { } accountId)
        {
            LogNoAccount(logger, TenantId, ConnectorId, userId);
            return WeComLoginResult.Refused(WeComLoginFailure.NoAccount, userId);
        }

        var account = await GrainFactory.GetGrain<IAccountGrain>(GridKeys.Account(TenantId, accountId)).Get();
        if (account is not { Status: AccountStatus.Active })
        {
            LogAccountRefused(logger, TenantId, ConnectorId, userId, account?.Status);
            return WeComLoginResult.Refused(WeComLoginFailure.AccountDisabled, userId);
        }

        var consentExpiresAt = known.ConsentExpiresAt;
        if (mode == LoginMode.Web && identity.UserTicket is { Length: > 0 } ticket)
        {
            var detail = await wecom.GetUserDetailAsync(app, ticket);
            consentExpiresAt = await member.RecordConsent(userId, ConsentFields.From(detail));
            account = await GrainFactory.GetGrain<IAccountGrain>(GridKeys.Account(TenantId, accountId)).Get() ?? account;
        }

        LogSignedIn(logger, TenantId, ConnectorId, userId, accountId, mode);
        return new WeComLoginResult(account, userId, consentExpiresAt, null);
    }

    public async Task<bool> HasValidConsent(string userId)
    {
        if (!GridKeys.IsValidWeComUserId(userId))
        {
            return false;
        }

        var member = await GrainFactory.GetGrain<IWeComMemberGrain>(SyncKeys.Member(TenantId, ConnectorId, userId)).Get();
        return member?.ConsentExpiresAt is { } expires && expires > time.GetUtcNow();
    }

    [LoggerMessage(EventId = 8760, Level = LogLevel.Warning, Message = "WeCom sign-in for {TenantId}/{ConnectorId} refused: WeCom refused the code (errcode {ErrCode})")]
    private static partial void LogCodeRefused(ILogger logger, string tenantId, string connectorId, int errCode);

    [LoggerMessage(EventId = 8761, Level = LogLevel.Warning, Message = "WeCom sign-in for {TenantId}/{ConnectorId} refused: member {UserId} has no account")]
    private static partial void LogNoAccount(ILogger logger, string tenantId, string connectorId, string userId);

    [LoggerMessage(EventId = 8762, Level = LogLevel.Warning, Message = "WeCom sign-in for {TenantId}/{ConnectorId} refused: the account of member {UserId} is {Status}")]
    private static partial void LogAccountRefused(ILogger logger, string tenantId, string connectorId, string userId, AccountStatus? status);

    [LoggerMessage(EventId = 8764, Level = LogLevel.Information, Message = "WeCom sign-in for {TenantId}/{ConnectorId}: member {UserId} was not synchronized yet; provisioning: {Outcome}")]
    private static partial void LogProvisioned(ILogger logger, string tenantId, string connectorId, string userId, ContactChangeOutcome outcome);

    [LoggerMessage(EventId = 8763, Level = LogLevel.Information, Message = "WeCom sign-in for {TenantId}/{ConnectorId}: member {UserId} signed in as {AccountId} ({Mode})")]
    private static partial void LogSignedIn(ILogger logger, string tenantId, string connectorId, string userId, string accountId, LoginMode mode);
}
