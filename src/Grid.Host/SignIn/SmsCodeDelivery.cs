using System.Globalization;
using Grid.Abstractions.Sessions;
using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

/// <summary>Issues one-time codes (<see cref="ISmsCodeGrain"/>) and sends them through the configured <see cref="ISmsSender"/>.</summary>
internal sealed partial class SmsCodeDelivery(
    IGrainFactory grains,
    IEnumerable<ISmsSender> senders,
    WebhookSmsSender webhook,
    IOptions<SignInOptions> options,
    IOptions<Grains.Sessions.SessionOptions> sessions,
    ILogger<SmsCodeDelivery> logger)
{
    private readonly ISmsSender? _sender =
        senders.LastOrDefault() ?? (string.IsNullOrEmpty(options.Value.Sms.WebhookUrl) ? null : webhook);

    /// <summary>Whether a sender is configured (without one the SMS fallback is unavailable).</summary>
    public bool IsAvailable => _sender is not null;

    /// <summary>
    /// Issues a code for the mobile and sends it when <paramref name="send"/> (the mobile has an account); either way
    /// the answer looks the same. Null issue code: throttled (see <see cref="SmsCodeIssue.RetryAfter"/>).
    /// </summary>
    public async Task<SmsCodeIssue> SendAsync(
        string tenantId, SmsCodePurpose purpose, string normalizedMobile, bool send, CancellationToken cancel)
    {
        var sender = _sender ?? throw new InvalidOperationException("No SMS sender is configured.");
        var issue = await grains.GetGrain<ISmsCodeGrain>(SessionKeys.SmsCode(tenantId, purpose, normalizedMobile)).Issue().WaitAsync(cancel);
        if (issue.Code is { } code && send)
        {
            var minutes = sessions.Value.SmsCodes.Lifetime.TotalMinutes;
            var text = options.Value.Sms.Template
                .Replace("{code}", code, StringComparison.Ordinal)
                .Replace("{minutes}", Math.Max(1, (int)Math.Round(minutes)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            await sender.SendAsync(normalizedMobile, text, cancel);
            LogSent(logger, tenantId, purpose);
        }

        return issue;
    }

    /// <summary>Checks (and on success spends) a code.</summary>
    public Task<SmsCodeCheck> VerifyAsync(string tenantId, SmsCodePurpose purpose, string normalizedMobile, string code, CancellationToken cancel) =>
        grains.GetGrain<ISmsCodeGrain>(SessionKeys.SmsCode(tenantId, purpose, normalizedMobile)).Verify(code).WaitAsync(cancel);

    [LoggerMessage(EventId = 8020, Level = LogLevel.Information, Message = "SMS code for {Purpose} sent in tenant {TenantId}")]
    private static partial void LogSent(ILogger logger, string tenantId, SmsCodePurpose purpose);
}
