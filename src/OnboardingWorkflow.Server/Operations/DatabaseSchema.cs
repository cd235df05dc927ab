using System.Data.Common;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OnboardingWorkflow.Data;

namespace OnboardingWorkflow.Server.Operations;

/// <summary>
/// The schema of the configured database: which migrations are pending, applying them (the
/// <c>migrate</c> command, or the start-up when Database:MigrateOnStartup is true), and Hangfire's
/// tables on the database servers. Describes the database by provider, host and name, never by
/// its connection string, which may hold a password.
/// </summary>
public static class DatabaseSchema
{
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(OnboardingDbContext db, CancellationToken cancellationToken = default) =>
        (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();

    /// <summary>Applies the pending migrations and returns their names (none: the schema was up to date).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(OnboardingDbContext db, CancellationToken cancellationToken = default)
    {
        var pending = await PendingMigrationsAsync(db, cancellationToken);
        await DatabaseInitializer.MigrateAsync(db, cancellationToken);
        return pending;
    }

    /// <summary>Creates or upgrades Hangfire's tables on SQL Server and PostgreSQL; SQLite keeps Hangfire in memory.</summary>
    public static string? InstallJobStorage(DatabaseOptions database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.PostgreSql:
                using (var connection = new NpgsqlConnection(database.ConnectionString))
                {
                    connection.Open();
                    PostgreSqlObjectsInstaller.Install(connection);
                }

                return "Hangfire schema 'hangfire'";
            case DatabaseProvider.SqlServer:
                using (var connection = new Microsoft.Data.SqlClient.SqlConnection(database.ConnectionString))
                {
                    connection.Open();
                    SqlServerObjectsInstaller.Install(connection, "HangFire", enableHeavyMigrations: true);
                }

                return "Hangfire schema 'HangFire'";
            default:
                return null;
        }
    }

    /// <summary>"PostgreSql database owf on 127.0.0.1:5433": enough to find it, without the password.</summary>
    public static string Describe(OnboardingDbContext db, DatabaseOptions options)
    {
        DbConnection connection = db.Database.GetDbConnection();
        var name = string.IsNullOrEmpty(connection.Database) ? "(default)" : connection.Database;
        return options.Provider == DatabaseProvider.Sqlite
            ? $"SQLite database {connection.DataSource}"
            : $"{options.Provider} database {name} on {connection.DataSource}";
    }

    /// <summary>A failure to reach or change the database, as one line that names the database and not the password.</summary>
    public static string Problem(Exception e, string database) => e switch
    {
        InvalidOperationException { InnerException: { } inner } when inner is DbException or System.Net.Sockets.SocketException => $"{database}: {FirstLine(inner.Message)}",
        _ => $"{database}: {FirstLine(e.Message)}",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
