using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Grid.Grains;

namespace Grid.Host.SignIn;

/// <summary>
/// The password fallback, shared by Auth.PasswordLogin and the login page's password form: the connector must allow
/// it, the login names an account (username, email or mobile), the password is checked with lockout, and only a caller
/// who knew the password learns why an account cannot sign in.
/// </summary>
internal sealed partial class PasswordSignIn(
    IGrainFactory grains, IAccountFinder accounts, SignInSessionIssuer issuer, ILogger<PasswordSignIn> logger)
{
    public const string InvalidCredentials = "invalid credentials";

    private const string Locked = "too many failed sign-ins: password sign-in of this account is locked for a while";

    public async Task<SignInResult> SignInAsync(
        string tenantId, string connectorId, string login, string password, SessionClient client, CancellationToken cancel)
    {
        using var scope = LogScopes.SignIn(logger, tenantId, connectorId, SignInMethods.Amr(SignInMethod.Password));
        var result = await CheckAsync(tenantId, connectorId, login, password, client, cancel);
        SignInMetrics.SignIn(SignInMethod.Password, result.Outcome);
        return result;
    }

    private async Task<SignInResult> CheckAsync(
        string tenantId, string connectorId, string login, string password, SessionClient client, CancellationToken cancel)
    {
        var connector = await grains.GetGrain<IWeComConnectorGrain>(GridKeys.Connector(tenantId, connectorId)).Get().WaitAsync(cancel);
        if (connector is null)
        {
            return SignInResult.Refused(SignInOutcome.NoSuchConnector, $"connector '{connectorId}' does not exist in tenant '{tenantId}'");
        }

        if (!connector.Features.PasswordFallback)
        {
            return SignInResult.Refused(SignInOutcome.NotEnabled, $"password sign-in is not enabled on connector '{connectorId}' of tenant '{tenantId}'");
        }

        // A login naming no account is checked (a decoy hash) and counted towards a lockout of its own, so that neither
        // the answer, nor when the lockout comes, nor how long it takes tells whether the account exists.
        var account = await SignInAccounts.FindAsync(accounts, tenantId, login, cancel);
        if (account is null)
        {
            var unknown = await grains.GetGrain<IPasswordSignInGrain>(GridKeys.UnknownLogin(tenantId, login)).RejectUnknown(password).WaitAsync(cancel);
            return Refusal(tenantId, "", unknown);
        }

        var check = await grains.GetGrain<IPasswordSignInGrain>(GridKeys.Account(tenantId, account.AccountId)).Verify(password).WaitAsync(cancel);
        if (check.Outcome != PasswordCheckOutcome.Accepted)
        {
            return Refusal(tenantId, account.AccountId, check);
        }

        if (SignInAccounts.Unavailable(account) is { } reason)
        {
            return SignInResult.Refused(SignInOutcome.AccountUnavailable, reason);
        }

        var session = await issuer.OpenAsync(account, SignInMethod.Password, client, cancel);
        return new SignInResult(SignInOutcome.Succeeded, session, "", TimeSpan.Zero);
    }

    private SignInResult Refusal(string tenantId, string accountId, PasswordCheck check)
    {
        if (check.Outcome == PasswordCheckOutcome.Locked)
        {
            return SignInResult.Refused(SignInOutcome.Locked, Locked, check.RetryAfter);
        }

        SignInLog.PasswordRejected(logger, tenantId, accountId);
        return SignInResult.Refused(SignInOutcome.InvalidCredentials, InvalidCredentials);
    }
}
