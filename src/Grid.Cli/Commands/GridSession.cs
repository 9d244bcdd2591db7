using Grid.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Grid.Cli.Commands;

/// <summary>
/// Finds the server and credential (the login config, else a dev host's credential file), reuses the stored access
/// token while it is valid and exchanges the credential for a new one otherwise. The server may be a comma-separated
/// list (silos of one cluster): the first that accepts a connection is used, so a client survives one silo's loss.
/// </summary>
public sealed class GridSession(CliEnvironment environment, TimeProvider time)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    // Bounds a connection attempt to an address that drops packets instead of refusing: then the next server is tried.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The server of the last connection made, for messages about calls that failed on it.</summary>
    public string? Server { get; private set; }

    public async Task<GridConnection> ConnectAsync(OnlineSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stored = CliConfig.Load(environment.ConfigPath);
        var fromConfig = stored is not null;
        var config = stored ?? FromDevCredential()
            ?? throw new CliException(ExitCodes.Auth,
                "not logged in: run 'gridctl login --server URL --client-id ID --client-secret-stdin < secret.txt' "
                + $"(a dev host writes {environment.UserDevCredentialsPath}, which gridctl picks up by itself)");
        var (channel, server) = await OpenAsync(settings.Server ?? environment.Server ?? config.Server, cancellationToken);
        try
        {
            var token = config.AccessToken;
            var sameServer = Servers(config.Server).Contains(server, StringComparer.OrdinalIgnoreCase);
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

    /// <summary>Exchanges a credential for a token and stores both (gridctl login); a list of servers is stored as given.</summary>
    public async Task<(CliConfig Config, IssueTokenResponse Token)> LoginAsync(
        string? server, string? clientId, string? clientSecret, CancellationToken cancellationToken)
    {
        var dev = FromDevCredential();
        server ??= environment.Server ?? dev?.Server;
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

        var (channel, _) = await OpenAsync(server, cancellationToken);
        using (channel)
        {
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
    }

    public string ConfigPath => environment.ConfigPath;

    /// <summary>A channel to the first of <paramref name="servers"/> that accepts a connection, and that server.</summary>
    private async Task<(GrpcChannel Channel, string Server)> OpenAsync(string servers, CancellationToken cancellationToken)
    {
        var candidates = Servers(servers);
        if (candidates.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, "no server: give --server URL (or set GRIDCTL_SERVER)");
        }

        var addresses = candidates.Select(ParseServer).ToList();
        for (var i = 0; i < candidates.Count; i++)
        {
            var server = candidates[i];
            var channel = GrpcChannel.ForAddress(addresses[i], new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, EnableMultipleHttp2Connections = true },
            });
            if (await ReachableAsync(channel, cancellationToken))
            {
                Server = server;
                return (channel, server);
            }

            channel.Dispose();
        }

        throw new CliException(ExitCodes.Unavailable, candidates.Count == 1
            ? $"cannot reach Grid at {candidates[0]}: unreachable (connection refused or timed out)"
            : $"cannot reach Grid at any of {string.Join(", ", candidates)}: all unreachable (connection refused or timed out)");
    }

    // Connects without a call: Ready means reachable; TransientFailure (refused, timed out, no such host) means not.
    private static async Task<bool> ReachableAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connect = channel.ConnectAsync(attempt.Token);
        var failed = FailureAsync(channel, attempt.Token);
        await Task.WhenAny(connect, failed);
        await attempt.CancelAsync();
        await failed.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await connect;
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task FailureAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        var state = channel.State;
        while (state is not (ConnectivityState.TransientFailure or ConnectivityState.Shutdown))
        {
            await channel.WaitForStateChangedAsync(state, cancellationToken);
            state = channel.State;
        }
    }

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

    private static List<string> Servers(string servers) =>
        [.. servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static Uri ParseServer(string server) =>
        Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliException(ExitCodes.Usage, $"--server (or GRIDCTL_SERVER) must be http:// or https:// URLs separated by commas (got '{server}')");
}
