using Grid.Host.Tests.Infrastructure;

namespace Grid.Host.Tests.Persistence;

/// <summary>Reads orleans_reminder (deploy/sql/postgresql/030-reminders.sql) directly.</summary>
public static class ReminderTable
{
    /// <summary>The versions of a grain's reminder rows (a string-keyed grain's id ends with its key).</summary>
    public static Task<List<int>> VersionsAsync(string serviceId, string grainKey, string reminderName) =>
        TestPostgres.QueryAsync(
            "SELECT version FROM orleans_reminder WHERE service_id = @service AND grain_id LIKE '%/' || @key AND reminder_name = @name",
            row => row.GetInt32(0),
            ("service", serviceId), ("key", grainKey), ("name", reminderName));
}
