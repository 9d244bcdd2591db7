using System.Globalization;
using System.Net.Mail;
using Grid.Abstractions;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

/// <summary>
/// A personal email for an account without one from WeCom (neither synced nor consented): records it unverified
/// (<see cref="IPersonalEmailGrain"/>) and mails a one-time confirmation link through the configured
/// <see cref="IEmailSender"/>; sends are throttled per account (as many per window as one client address may ask SMS
/// codes for: Grid:Sessions:SmsCodes). The link's token reads <c>{accountId}.{secret}</c>, so
/// it names its account without a session and confirms only the address it was sent to.
/// </summary>
internal sealed partial class PersonalEmailConfirmation(
    IGrainFactory grains,
    IEnumerable<IEmailSender> senders,
    WebhookEmailSender webhook,
    IOptions<SignInOptions> options,
    IOptions<Grains.Sessions.SessionOptions> sessions,
    ILogger<PersonalEmailConfirmation> logger)
{
    /// <summary>The longest address taken (RFC 5321's path limit).</summary>
    public const int MaxAddressLength = 254;

    private readonly IEmailSender? _sender =
        senders.LastOrDefault() ?? (string.IsNullOrEmpty(options.Value.Email.WebhookUrl) ? null : webhook);

    /// <summary>Whether a sender is configured (without one no personal email can be given).</summary>
    public bool IsAvailable => _sender is not null;

    /// <summary>The address in the form kept, or null when it is not a plain address (no display name, no spaces).</summary>
    public static string? Normalize(string given)
    {
        var address = given.Trim();
        return address.Length is > 0 and <= MaxAddressLength
            && MailAddress.TryCreate(address, out var parsed)
            && parsed.Address == address
            && parsed.DisplayName.Length == 0
            ? address
            : null;
    }

    /// <summary>
    /// Records <paramref name="address"/> (normalized) for the account and mails the link to
    /// <paramref name="confirmPage"/> with its token; null, or how long to wait when this account asked too often.
    /// </summary>
    public async Task<TimeSpan?> ProposeAsync(string tenantId, string accountId, string address, Uri confirmPage, CancellationToken cancel)
    {
        var sender = _sender ?? throw new InvalidOperationException("No email sender is configured.");
        var quotas = sessions.Value.SmsCodes;
        var wait = await grains.GetGrain<ISmsQuotaGrain>($"{tenantId}/personal-email/{accountId}")
            .Take(quotas.MaxPerClientAddress, quotas.QuotaWindow).WaitAsync(cancel);
        if (wait > TimeSpan.Zero)
        {
            LogThrottled(logger, tenantId, accountId);
            return wait;
        }

        var issued = await grains.GetGrain<IPersonalEmailGrain>(GridKeys.Account(tenantId, accountId)).Propose(address).WaitAsync(cancel);
        var link = confirmPage.AbsoluteUri + "?token=" + Uri.EscapeDataString(accountId + "." + issued.Token);
        var minutes = Math.Max(1, (int)Math.Round(sessions.Value.PersonalEmailTokenLifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        await sender.SendAsync(address, "Confirm your email",
            $"Open this link to confirm {address} as your email: {link}\nIt expires in {minutes} minutes. If you did not ask for it, ignore this message.", cancel);
        LogSent(logger, tenantId, accountId);
        return null;
    }

    /// <summary>Checks a link's token (<c>{accountId}.{secret}</c>); anything Grid did not make is Rejected.</summary>
    public async Task<PersonalEmailCheck> ConfirmAsync(string tenantId, string token, CancellationToken cancel)
    {
        var dot = token.LastIndexOf('.');
        if (token.Length > 256 || dot <= 0 || !GridKeys.IsValidId(token[..dot]))
        {
            return PersonalEmailCheck.Rejected;
        }

        var accountId = token[..dot];
        var check = await grains.GetGrain<IPersonalEmailGrain>(GridKeys.Account(tenantId, accountId)).Confirm(token[(dot + 1)..]).WaitAsync(cancel);
        LogChecked(logger, tenantId, accountId, check);
        return check;
    }

    /// <summary>The account's personal email, or null when it has none.</summary>
    public Task<PersonalEmail?> GetAsync(string tenantId, string accountId, CancellationToken cancel) =>
        grains.GetGrain<IPersonalEmailGrain>(GridKeys.Account(tenantId, accountId)).Get().WaitAsync(cancel);

    /// <summary>Whether the account may give a personal email: a WeCom-provided one (the profile's email) always wins.</summary>
    public static bool MayGive(AccountView account) => string.IsNullOrEmpty(account.Profile.Email);

    [LoggerMessage(EventId = 8400, Level = LogLevel.Information, Message = "Personal email confirmation sent for {AccountId} of tenant {TenantId}")]
    private static partial void LogSent(ILogger logger, string tenantId, string accountId);

    [LoggerMessage(EventId = 8401, Level = LogLevel.Information, Message = "Personal email confirmation for {AccountId} of tenant {TenantId}: {Check}")]
    private static partial void LogChecked(ILogger logger, string tenantId, string accountId, PersonalEmailCheck check);

    [LoggerMessage(EventId = 8402, Level = LogLevel.Warning, Message = "Personal email confirmations for {AccountId} of tenant {TenantId} throttled")]
    private static partial void LogThrottled(ILogger logger, string tenantId, string accountId);
}
