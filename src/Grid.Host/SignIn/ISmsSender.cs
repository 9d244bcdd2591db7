namespace Grid.Host.SignIn;

/// <summary>
/// Delivers sign-in codes by SMS. Register one (or set Grid:SignIn:Sms:WebhookUrl) to enable the SMS fallback and the password reset; without either they
/// answer FAILED_PRECONDITION. Grid ships <see cref="WebhookSmsSender"/> (Grid:SignIn:Sms:WebhookUrl), which the dev
/// profile points at the WeCom simulator's inbox.
/// </summary>
public interface ISmsSender
{
    /// <summary>Sends <paramref name="text"/> to <paramref name="mobile"/> (normalized: "+" and digits).</summary>
    Task SendAsync(string mobile, string text, CancellationToken cancellationToken);
}
