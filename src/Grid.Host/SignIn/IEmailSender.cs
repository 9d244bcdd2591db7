namespace Grid.Host.SignIn;

/// <summary>
/// Delivers email: the confirmation links of personal emails. Register one (or set Grid:SignIn:Email:WebhookUrl) to
/// let members without a WeCom email give a personal one; without either the page says it is unavailable. Grid ships
/// <see cref="WebhookEmailSender"/> (Grid:SignIn:Email:WebhookUrl), which the dev profile points at the WeCom
/// simulator's inbox.
/// </summary>
public interface IEmailSender
{
    /// <summary>Sends a plain-text message to <paramref name="address"/>.</summary>
    Task SendAsync(string address, string subject, string text, CancellationToken cancellationToken);
}
