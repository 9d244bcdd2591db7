using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

/// <summary>
/// Sends email through an HTTP gateway: POST <see cref="EmailOptions.WebhookUrl"/> with JSON
/// <c>{"to","subject","text"}</c>, any 2xx is delivered. An operator's mail relay sits behind such an endpoint; the
/// dev profile uses the WeCom simulator's /_sim/email inbox.
/// </summary>
internal sealed class WebhookEmailSender(HttpClient http, IOptions<SignInOptions> options) : IEmailSender
{
    public async Task SendAsync(string address, string subject, string text, CancellationToken cancellationToken)
    {
        var url = new Uri(options.Value.Email.WebhookUrl!, UriKind.Absolute);
        using var response = await http.PostAsJsonAsync(url, new { to = address, subject, text }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
