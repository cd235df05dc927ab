using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, defaults to a file under the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Where the SQLite file and uploaded documents live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";
}
