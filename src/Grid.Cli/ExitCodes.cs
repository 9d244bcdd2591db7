namespace Grid.Cli;

/// <summary>gridctl's process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Online: the server failed (INTERNAL, UNKNOWN, UNIMPLEMENTED, DATA_LOSS, ...).</summary>
    public const int ServerError = 1;

    /// <summary>The command line or an input file is wrong: unknown command, missing option, unreadable file.</summary>
    public const int Usage = 2;

    /// <summary>The input was read but does not verify or decrypt (signature, key, padding, receive id, base64, envelope).</summary>
    public const int VerificationFailed = 3;

    /// <summary>Online: not authenticated or not allowed (UNAUTHENTICATED, PERMISSION_DENIED, no credential).</summary>
    public const int Auth = 3;

    /// <summary>Online: the tenant, connector, run, account or organization does not exist (NOT_FOUND).</summary>
    public const int NotFound = 4;

    /// <summary>Online: the server cannot be reached or did not answer in time (UNAVAILABLE, DEADLINE_EXCEEDED).</summary>
    public const int Unavailable = 5;

    /// <summary>Online: refused in the current state (FAILED_PRECONDITION, ALREADY_EXISTS, ABORTED, OUT_OF_RANGE).</summary>
    public const int Refused = 6;

    /// <summary>Online: the check or run ended badly (validation errors; a watched run Failed, Protected or Canceled).</summary>
    public const int NotSucceeded = 7;

    /// <summary>Every exit code with what it means, for the EXIT CODES section of <c>gridctl --help</c>.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Meanings { get; } =
    [
        (Success, "success"),
        (ServerError, "the server failed (internal error)"),
        (Usage, "usage error: unknown command or option, missing or invalid argument, unreadable file"),
        (Auth, "not logged in, not authenticated or not allowed; for 'wecom decrypt': the callback does not verify or decrypt"),
        (NotFound, "the tenant, connector, run, account or organization does not exist"),
        (Unavailable, "no server reachable, or no answer in time"),
        (Refused, "refused in the current state (e.g. the tenant already exists, a run is already active)"),
        (NotSucceeded, "validation errors, or the watched run did not succeed (Failed, Protected or Canceled)"),
    ];

    /// <summary>The exit code for a gRPC status (INVALID_ARGUMENT is a usage error: the input is wrong).</summary>
    public static int FromStatus(Grpc.Core.StatusCode status) => status switch
    {
        Grpc.Core.StatusCode.OK => Success,
        Grpc.Core.StatusCode.InvalidArgument => Usage,
        Grpc.Core.StatusCode.Unauthenticated or Grpc.Core.StatusCode.PermissionDenied => Auth,
        Grpc.Core.StatusCode.NotFound => NotFound,
        Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.DeadlineExceeded => Unavailable,
        Grpc.Core.StatusCode.FailedPrecondition or Grpc.Core.StatusCode.AlreadyExists or Grpc.Core.StatusCode.Aborted
            or Grpc.Core.StatusCode.OutOfRange => Refused,
        _ => ServerError,
    };
}
