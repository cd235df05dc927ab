using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Server.Operations;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Operations;

/// <summary>The online SQLite backup: a consistent, verified copy while the database is in use; never over an existing file unless asked.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class BackupCommandFacts
{
    [Fact]
    public async Task A_backup_taken_while_a_writer_holds_the_database_has_the_committed_rows()
    {
        var folder = Commands.TempFolder();
        var source = $"Data Source={Path.Combine(folder, "live.db")};Pooling=False";
        var target = Path.Combine(folder, "copy.db");
        await using (var writer = new SqliteConnection(source))
        {
            await writer.OpenAsync();
            await ExecuteAsync(writer, "PRAGMA journal_mode=WAL; CREATE TABLE rows (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO rows (name) VALUES ('first'), ('second');");
            await using var open = await writer.BeginTransactionAsync();
            await ExecuteAsync(writer, "INSERT INTO rows (name) VALUES ('uncommitted');", open);

            var outcome = await SqliteBackup.RunAsync(source, target, force: false, CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.Message);
            Assert.EndsWith("integrity ok)", outcome.Message);
            await open.CommitAsync();
        }

        await using (var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False"))
        {
            await copy.OpenAsync();
            await using var query = copy.CreateCommand();
            query.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM rows ORDER BY id)";
            Assert.Equal("first,second", await query.ExecuteScalarAsync());
        }

        var refused = await SqliteBackup.RunAsync(source, target, force: false, CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.True(refused.UsageError);
        Assert.Equal($"{target} exists; pass --force to replace it.", refused.Message);
        Assert.True((await SqliteBackup.RunAsync(source, target, force: true, CancellationToken.None)).Succeeded);
        Assert.False(File.Exists(target + ".partial"));

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_backup_command_copies_the_running_servers_database()
    {
        await using var server = OnboardingServer.Start();
        var target = Path.Combine(server.DataDirectory, "backup", "onboarding-copy.db");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var (code, stdout, stderr) = await Commands.RunAsync((a, o, e) => OperationCommands.BackupAsync(server.Services, a, o, e), target);
        Assert.True(code == 0, stderr);
        Assert.StartsWith("backed up ", stdout);

        var options = new DbContextOptionsBuilder<SqliteOnboardingDbContext>().UseSqlite($"Data Source={target};Pooling=False").Options;
        await using (var copy = new SqliteOnboardingDbContext(options))
        {
            Assert.True(await copy.Users.AnyAsync(u => u.Email == OnboardingServer.AdminEmail));
        }

        (code, _, stderr) = await Commands.RunAsync((a, o, e) => OperationCommands.BackupAsync(server.Services, a, o, e), target);
        Assert.Equal(2, code);
        Assert.Contains("pass --force to replace it", stderr);
        Assert.Equal(0, (await Commands.RunAsync((a, o, e) => OperationCommands.BackupAsync(server.Services, a, o, e), target, "--force")).Code);
        Assert.Equal(2, (await Commands.RunAsync((a, o, e) => OperationCommands.BackupAsync(server.Services, a, o, e))).Code);
    }

    [Fact]
    public async Task Backup_on_a_database_server_points_to_its_own_tools()
    {
        await using var services = Commands.DatabaseOnly(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=owf" });
        var (code, stdout, stderr) = await Commands.RunAsync((a, o, e) => OperationCommands.BackupAsync(services, a, o, e), "owf.dump");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("pg_dump -Fc", stderr);
        Assert.Contains("deploy/OPERATIONS.md", stderr);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, System.Data.Common.DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = (SqliteTransaction?)transaction;
        await command.ExecuteNonQueryAsync();
    }
}
