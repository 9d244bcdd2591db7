using Microsoft.Extensions.Options;

namespace Grid.Host.SignIn;

/// <summary>
/// Sends SMS through an HTTP gateway: POST <see cref="SmsOptions.WebhookUrl"/> with JSON <c>{"mobile","text"}</c>, any
/// 2xx is delivered. An operator's SMS provider sits behind such an endpoint; the dev profile uses the WeCom
/// simulator's /_sim/sms inbox.
/// </summary>
internal sealed class WebhookSmsSender(HttpClient http, IOptions<SignInOptions> options) : ISmsSender
{
    public async Task SendAsync(string mobile, string text, CancellationToken cancellationToken)
    {
        var url = new Uri(options.Value.Sms.WebhookUrl!, UriKind.Absolute);
        using var response = await http.PostAsJsonAsync(url, new { mobile, text }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
