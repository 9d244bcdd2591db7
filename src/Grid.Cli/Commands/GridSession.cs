using Grid.Contracts.V1;
using Grpc.Net.Client;

namespace Grid.Cli.Commands;

/// <summary>
/// Finds the server and credential (the login config, else a dev host's credential file), reuses the stored access
/// token while it is valid and exchanges the credential for a new one otherwise.
/// </summary>
public sealed class GridSession(CliEnvironment environment, TimeProvider time)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    public async Task<GridConnection> ConnectAsync(OnlineSettings settings, CancellationToken cancellationToken)
    {
        var stored = CliConfig.Load(environment.ConfigPath);
        var fromConfig = stored is not null;
        var config = stored ?? FromDevCredential()
            ?? throw new CliException(ExitCodes.Auth,
                "not logged in: run 'gridctl login --server URL --client-id ID --client-secret-stdin < secret.txt' "
                + $"(a dev host writes {environment.UserDevCredentialsPath}, which gridctl picks up by itself)");
        var server = settings.Server ?? config.Server;
        var channel = GrpcChannel.ForAddress(ParseServer(server));
        try
        {
            var token = config.AccessToken;
            var sameServer = string.Equals(server, config.Server, StringComparison.OrdinalIgnoreCase);
            if (token is null || !sameServer || config.ExpiresAt is null || config.ExpiresAt.Value - RenewBefore <= time.GetUtcNow())
            {
                var issued = await IssueAsync(channel, config.ClientId, config.ClientSecret, cancellationToken);
                token = issued.AccessToken;
                if (fromConfig && sameServer)
                {
                    config.AccessToken = issued.AccessToken;
                    config.ExpiresAt = issued.ExpiresAt.ToDateTimeOffset();
                    config.Save(environment.ConfigPath);
                }
            }

            return new GridConnection(channel, server, token, config.TenantId);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    /// <summary>Exchanges a credential for a token and stores both (gridctl login).</summary>
    public async Task<(CliConfig Config, IssueTokenResponse Token)> LoginAsync(
        string? server, string? clientId, string? clientSecret, CancellationToken cancellationToken)
    {
        var dev = FromDevCredential();
        server ??= dev?.Server;
        if (clientId is null && clientSecret is null && dev is not null)
        {
            clientId = dev.ClientId;
            clientSecret = dev.ClientSecret;
        }

        if (string.IsNullOrEmpty(server) || string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
        {
            throw new CliException(ExitCodes.Usage,
                "--server, --client-id and --client-secret (or --client-secret-stdin) are required (no dev credential file was found)");
        }

        using var channel = GrpcChannel.ForAddress(ParseServer(server));
        var issued = await IssueAsync(channel, clientId, clientSecret, cancellationToken);
        var config = new CliConfig
        {
            Server = server,
            TenantId = issued.TenantId,
            ClientId = clientId,
            ClientSecret = clientSecret,
            AccessToken = issued.AccessToken,
            ExpiresAt = issued.ExpiresAt.ToDateTimeOffset(),
        };
        config.Save(environment.ConfigPath);
        return (config, issued);
    }

    public string ConfigPath => environment.ConfigPath;

    private CliConfig? FromDevCredential()
    {
        var path = DevCredentialFile.Find(environment.DevCredentialsPath, environment.WorkingDirectory, environment.UserDevCredentialsPath);
        if (path is null)
        {
            return null;
        }

        var dev = DevCredentialFile.Load(path);
        return new CliConfig { Server = dev.Server, TenantId = dev.TenantId, ClientId = dev.ClientId, ClientSecret = dev.ClientSecret };
    }

    private static async Task<IssueTokenResponse> IssueAsync(
        GrpcChannel channel, string clientId, string clientSecret, CancellationToken cancellationToken) =>
        await new Auth.AuthClient(channel).IssueTokenAsync(
            new IssueTokenRequest { ClientId = clientId, ClientSecret = clientSecret }, cancellationToken: cancellationToken);

    private static Uri ParseServer(string server) =>
        Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliException(ExitCodes.Usage, $"--server must be an http:// or https:// URL (got '{server}')");
}
