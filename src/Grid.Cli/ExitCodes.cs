namespace Grid.Cli;

/// <summary>gridctl's process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line or an input file is wrong: unknown command, missing option, unreadable file.</summary>
    public const int Usage = 2;

    /// <summary>The input was read but does not verify or decrypt (signature, key, padding, receive id, base64, envelope).</summary>
    public const int VerificationFailed = 3;
}
