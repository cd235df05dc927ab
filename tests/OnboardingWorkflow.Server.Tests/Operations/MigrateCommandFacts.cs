using Npgsql;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Server.Operations;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Operations;

/// <summary>The migrate command, and a server that may not change the schema (Database:MigrateOnStartup false).</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class MigrateCommandFacts
{
    [Fact]
    public async Task A_server_that_may_not_migrate_refuses_a_stale_schema_and_starts_after_migrate()
    {
        var folder = Commands.TempFolder();
        var connection = $"Data Source={Path.Combine(folder, "onboarding.db")};Pooling=False";
        var settings = new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false", ["Database:DataDirectory"] = folder, ["Database:ConnectionString"] = connection,
        };

        var refusal = Commands.StartFails(settings);
        Assert.Contains("pending migration(s) (20261127225423_Initial, ", refusal.Message);
        Assert.Contains("Database:MigrateOnStartup is false", refusal.Message);
        Assert.Contains("run the server's 'migrate' command first", refusal.Message);

        await using (var services = Commands.DatabaseOnly(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connection }))
        {
            var (code, stdout, stderr) = await Commands.RunAsync((a, o, e) => OperationCommands.MigrateAsync(services, a, o, e));
            Assert.Equal(0, code);
            Assert.Equal("", stderr);
            Assert.Contains("applied 20261127225423_Initial", stdout);
            Assert.Matches(@"SQLite database .*onboarding\.db: \d+ migration\(s\) applied", stdout);

            (code, stdout, _) = await Commands.RunAsync((a, o, e) => OperationCommands.MigrateAsync(services, a, o, e));
            Assert.Equal(0, code);
            Assert.DoesNotContain("applied ", stdout);
            Assert.EndsWith("onboarding.db: up to date", stdout.Trim());

            Assert.Equal(2, (await Commands.RunAsync((a, o, e) => OperationCommands.MigrateAsync(services, a, o, e), "--now")).Code);
        }

        await using (var server = OnboardingServer.Start(settings))
        {
            using var anonymous = server.Anonymous();
            Assert.True((await anonymous.GetAsync("/health/ready")).IsSuccessStatusCode);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Migrate_on_PostgreSql_applies_the_migrations_and_the_Hangfire_schema()
    {
        var cluster = await PostgreSqlTestServer.GetConnectionStringAsync();
        var name = "owf_migrate_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(cluster) { Database = name, Pooling = false }.ConnectionString;
        await using var services = Commands.DatabaseOnly(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection });

        var (code, stdout, stderr) = await Commands.RunAsync((a, o, e) => OperationCommands.MigrateAsync(services, a, o, e));
        Assert.True(code == 0, stderr);
        Assert.Contains("applied 20261127225434_Initial", stdout);
        Assert.Contains("Hangfire schema 'hangfire' is current", stdout);
        Assert.Contains($"PostgreSql database {name} on ", stdout);

        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var query = new NpgsqlCommand("select count(*) from information_schema.tables where table_schema = 'hangfire' and table_name = 'job'", db);
            Assert.Equal(1L, await query.ExecuteScalarAsync());
        }

        (code, stdout, _) = await Commands.RunAsync((a, o, e) => OperationCommands.MigrateAsync(services, a, o, e));
        Assert.Equal(0, code);
        Assert.DoesNotContain("applied ", stdout);
        Assert.Contains("up to date", stdout);
    }

    [Fact]
    public async Task A_server_with_jobs_that_may_not_migrate_leaves_an_empty_PostgreSql_database_untouched_Hangfire_included()
    {
        var cluster = await PostgreSqlTestServer.GetConnectionStringAsync();
        var name = "owf_nomigrate_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(cluster))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(cluster) { Database = name, Pooling = false }.ConnectionString;
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = connection, ["Database:MigrateOnStartup"] = "false", ["Jobs:Enabled"] = "true",
        };

        var refusal = Commands.StartFails(settings);
        Assert.Contains("pending migration(s) (20261127225434_Initial, ", refusal.Message);
        Assert.Equal(0L, await ScalarAsync(connection, "select count(*) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')"));
        Assert.Equal(0L, await ScalarAsync(connection, "select count(*) from information_schema.schemata where schema_name = 'hangfire'"));

        await using (var services = Commands.DatabaseOnly(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection }))
        {
            Assert.Equal(0, (await Commands.RunAsync((a, o, e) => OperationCommands.MigrateAsync(services, a, o, e))).Code);
        }

        var tables = await ScalarAsync(connection, "select count(*) from information_schema.tables where table_schema = 'hangfire'");
        await using (var server = OnboardingServer.Start(settings))
        {
            using var anonymous = server.Anonymous();
            Assert.True((await anonymous.GetAsync("/health/ready")).IsSuccessStatusCode);
        }

        Assert.Equal(tables, await ScalarAsync(connection, "select count(*) from information_schema.tables where table_schema = 'hangfire'"));
    }

    private static async Task<long> ScalarAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand(sql, db);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Migrate_that_cannot_connect_names_the_host_and_database_but_not_the_password()
    {
        const string connection = "Host=127.0.0.1;Port=1;Database=owf_nowhere;Username=owf;Password=do-not-print-me;Timeout=3;Pooling=false";
        await using var services = Commands.DatabaseOnly(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection });
        var (code, stdout, stderr) = await Commands.RunAsync((a, o, e) => OperationCommands.MigrateAsync(services, a, o, e));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("migrate: failed on the PostgreSql database owf_nowhere on ", line);
        Assert.Contains("127.0.0.1", line);
        Assert.Contains("Database:ConnectionString", line);
        Assert.DoesNotContain("do-not-print-me", line);
    }
}
