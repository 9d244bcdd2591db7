namespace Grid.Grains.Sync;

/// <summary>How full sync runs use WeCom and the cluster. Section <c>Grid:Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Grid:Sync";

    /// <summary>WeCom calls in flight while fetching (user/list per department, user/get). 1-64, default 8.</summary>
    public int FetchParallelism { get; set; } = 8;

    /// <summary>
    /// Member or department grain calls in flight while applying. 1-1024, default 256: more steps in flight let the
    /// roster buckets and the change feed group concurrent writes into one (fewer state writes per account on
    /// PostgreSQL), while the storage's connection pool bounds what reaches the database at once.
    /// </summary>
    public int ApplyParallelism { get; set; } = 256;

    /// <summary>
    /// Grain reads in flight while planning (roster buckets, unique-index lookups for match-rule adoptions); each may
    /// be a database read, so keep it below the storage connection pool. 1-1024, default 64.
    /// </summary>
    public int LookupParallelism { get; set; } = 64;

    /// <summary>
    /// Steps per plan chunk: the unit kept in one state row, applied between checkpoints and between cancellation
    /// checks. 10-1000, default 1000.
    /// </summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Runs kept in a connector's history (older runs and their plans are forgotten). 1-1000, default 50.</summary>
    public int RunHistory { get; set; } = 50;

    /// <summary>Least time between two progress updates of a watched run. Default 250 ms.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Period of the reminder that re-activates a coordinator with an unfinished run after a silo failure, so that
    /// the run resumes. At least 1 minute in production (Orleans' reminder minimum). Default 1 minute.
    /// </summary>
    public TimeSpan ResumeReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
