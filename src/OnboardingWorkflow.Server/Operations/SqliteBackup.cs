using Microsoft.Data.Sqlite;

namespace OnboardingWorkflow.Server.Operations;

/// <summary>What a backup did, or why it did not.</summary>
public sealed record BackupOutcome(bool Succeeded, string Message, bool UsageError = false);

/// <summary>
/// An online copy of the SQLite database with SQLite's backup API: consistent even while the
/// server writes (the copy is one snapshot; writers are not stopped for long). The copy is written
/// beside the target and moved into place only after <c>PRAGMA integrity_check</c> says ok, so a
/// failed backup never leaves a half-written file under the target's name.
/// </summary>
public static class SqliteBackup
{
    public static async Task<BackupOutcome> RunAsync(string connectionString, string target, bool force, CancellationToken cancellationToken)
    {
        if (File.Exists(target) && !force)
        {
            return new BackupOutcome(false, $"{target} exists; pass --force to replace it.", UsageError: true);
        }

        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            return new BackupOutcome(false, $"the folder {folder} does not exist.", UsageError: true);
        }

        var source = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        if (!File.Exists(source.DataSource))
        {
            return new BackupOutcome(false, $"there is no database at {source.DataSource} (check Database:DataDirectory and Database:ConnectionString).");
        }

        var partial = target + ".partial";
        try
        {
            File.Delete(partial);
            await using (var from = new SqliteConnection(source.ConnectionString))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString))
            {
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
                if (await IntegrityAsync(to, cancellationToken) is not "ok" and var problem)
                {
                    return new BackupOutcome(false, $"the copy failed its integrity check ({problem}); {target} was not written.");
                }
            }

            File.Move(partial, target, overwrite: true);
            return new BackupOutcome(true, $"backed up {source.DataSource} to {target} ({new FileInfo(target).Length} bytes, integrity ok)");
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            return new BackupOutcome(false, $"could not copy {source.DataSource} to {target}: {e.Message}");
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task<string> IntegrityAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "no answer";
    }
}
