namespace Grid.Sync.Mapping;

/// <summary>Sync settings (field mappings, match rule, sync node) that cannot be used; lists every problem.</summary>
public sealed class InvalidSyncSettingsException : Exception
{
    /// <summary>Creates the error from the problems found.</summary>
    public InvalidSyncSettingsException(IReadOnlyList<string> errors)
        : base("Invalid sync settings: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Each problem, naming the setting to fix.</summary>
    public IReadOnlyList<string> Errors { get; }
}
