using System.Text.Json;
using Grid.Abstractions;
using Grid.Abstractions.Auth;
using Grid.Abstractions.Tenants;
using Grid.Host.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Host.Grpc;

/// <summary>
/// Dev profile only: creates tenant <c>demo</c> (unless it exists) and an admin service client with every scope at
/// start-up, and writes the credential to <see cref="DevCredentialOptions.Path"/> with mode 0600 once the gRPC address
/// is known, so that gridctl and any gRPC client work at once. State is in memory in dev, so every start makes a new
/// client and rewrites the file.
/// </summary>
public sealed partial class DevCredentialBootstrapper(
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    GridEndpoints endpoints,
    GridBanner banner,
    IOptions<GridAuthOptions> options,
    ILogger<DevCredentialBootstrapper> logger) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly TaskCompletionSource<DevCredential> _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the credential once the file is written.</summary>
    public Task<DevCredential> WhenWritten => _written.Task;

    /// <summary>The credential file's full path.</summary>
    public string FilePath => Path.GetFullPath(options.Value.DevCredential.Path);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.DevCredential;
        if (!settings.Enabled)
        {
            _written.TrySetCanceled(CancellationToken.None);
            return;
        }

        // Orleans starts before this service (it is registered first), so grains can be called here.
        var tenant = grains.GetGrain<ITenantGrain>(GridKeys.Tenant(settings.TenantId));
        if (!await tenant.Exists().WaitAsync(cancellationToken))
        {
            try
            {
                await tenant.Create("Demo", "Asia/Shanghai").WaitAsync(cancellationToken);
            }
            catch (GridException ex) when (ex.Kind == GridErrorKind.Conflict)
            {
                // Created at the same moment by the dev seed with other details: it exists, which is all we need.
                LogTenantRace(logger, settings.TenantId);
            }
        }

        var clientId = ServiceClientIds.New(settings.TenantId);
        var scopes = GridScopes.All.ToList();
        var secret = await grains.GetGrain<IServiceClientGrain>(clientId)
            .Create(new ServiceClientRegistration(settings.TenantId, "gridctl (dev)", [.. scopes], "dev-bootstrap"))
            .WaitAsync(cancellationToken);

        banner.Set("credentials", $"{FilePath} (admin of tenant '{settings.TenantId}'; gridctl picks it up)");
        // The gRPC address is known once Kestrel has bound, which is signalled after start-up completes.
        lifetime.ApplicationStarted.Register(() => _ = endpoints.WhenBound.ContinueWith(
            _ => Write(new DevCredential(endpoints.Grpc.ToString().TrimEnd('/'), settings.TenantId, clientId, secret, scopes)),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Write(DevCredential credential)
    {
        try
        {
            var path = FilePath;
            var directory = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(directory))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(directory);
                }
                else
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            // Delete first: the mode below applies only to a file that is created.
            File.Delete(path);
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, file))
            {
                JsonSerializer.Serialize(stream, credential, Json);
            }

            LogWritten(logger, path, credential.ClientId, credential.TenantId);
            _written.TrySetResult(credential);
        }
        catch (IOException ex)
        {
            LogWriteFailed(logger, ex, FilePath);
            _written.TrySetException(ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            LogWriteFailed(logger, ex, FilePath);
            _written.TrySetException(ex);
        }
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Dev admin credential {ClientId} of tenant {TenantId} written to {Path} (dev profile only)")]
    private static partial void LogWritten(ILogger logger, string path, string clientId, string tenantId);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Error, Message = "Could not write the dev admin credential to {Path}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Debug, Message = "Tenant {TenantId} was created concurrently by the dev seed")]
    private static partial void LogTenantRace(ILogger logger, string tenantId);
}
