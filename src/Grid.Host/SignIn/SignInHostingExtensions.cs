using Grid.Grains.Sessions;
using Grid.Host.Grpc;
using Microsoft.Extensions.Options;
using SessionOptions = Grid.Grains.Sessions.SessionOptions;

namespace Grid.Host.SignIn;

public static class SignInHostingExtensions
{
    /// <summary>
    /// End-user sign-in: the session grains' options (revocations kept as long as an access token can live), the
    /// session issuer that every sign-in flow ends with, and this silo's copy of the revoked sessions (kept current
    /// by <see cref="RevocationSync"/>) that end-user token validation checks.
    /// </summary>
    public static void AddGridSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddGridSessions();
        services.AddOptions<SessionOptions>().PostConfigure<IOptions<GridAuthOptions>>((sessions, auth) =>
            sessions.RevocationRetention = auth.Value.AccessTokenLifetime + auth.Value.ClockSkew);
        services.AddSingleton<SignInSessionIssuer>();
        services.AddSingleton<PasswordSignIn>();
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>();
        services.AddSingleton<RevokedSessions>();
        services.AddSingleton<SessionTokenValidator>();
        services.AddSingleton<SmsCodeDelivery>();
        services.AddSingleton<SmsSignIn>();
        services.AddSingleton<PersonalEmailConfirmation>();
        services.AddHostedService<RevocationSync>();

        // The SMS fallback needs a gateway: an ISmsSender the deployment registers, or else the configured webhook.
        services.AddHttpClient<WebhookSmsSender>();

        // Personal emails likewise: an IEmailSender the deployment registers, or else the configured webhook.
        services.AddHttpClient<WebhookEmailSender>();
    }
}
