extern alias cli;

using System.Text.RegularExpressions;
using cli::OnboardingWorkflow.Cli.Commands;
using Npgsql;
using NpgsqlTypes;
using OnboardingWorkflow.Testing;
using Xunit.Abstractions;

namespace OnboardingWorkflow.Server.Tests.MultiServer;

/// <summary>
/// Two server processes on one PostgreSQL database, Hangfire's storage in it, every recurring job
/// switched on: the daily overdue escalation (here every 15 seconds) starts exactly one case per
/// overdue customer, writes each letter and places each hold once, although both servers schedule
/// it and the one running it is killed mid-run. The survivor's next run resumes from the
/// checkpoint once the dead server's lock has lapsed.
/// </summary>
[Trait("Category", "MultiServer")]
public sealed partial class TwoServersFacts(ITestOutputHelper output)
{
    private const int OverdueCustomers = 1_500;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Every_case_letter_and_hold_exists_once_when_the_server_running_the_job_is_killed()
    {
        var cluster = await PostgreSqlTestServer.GetConnectionStringAsync();
        var database = "owf_multi_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(cluster) { Database = database }.ConnectionString;
        var data = Directory.CreateTempSubdirectory("owf-multi-");
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = connection,
            ["Database:DataDirectory"] = data.FullName,
            ["Bootstrap:AdminEmail"] = OnboardingServer.AdminEmail,
            ["Bootstrap:AdminPassword"] = OnboardingServer.Password,
            ["Jobs:Enabled"] = "true",
            ["Jobs:OverdueEscalationCron"] = "*/15 * * * * *",
            ["Jobs:LockTimeout"] = "00:00:20",
            // Letters stay in the outbox, where they are counted; delivery is proved elsewhere.
            ["Jobs:EmailOutbox"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:OnboardingWorkflow.Server.Jobs"] = "Information",
        };

        ServerProcess? first = null;
        ServerProcess? second = null;
        try
        {
            // One after the other: the first creates the schema, the second finds it.
            first = await ServerProcess.StartAsync("A", settings, TimeSpan.FromMinutes(3));
            second = await ServerProcess.StartAsync("B", settings, TimeSpan.FromMinutes(3));
            var servers = new[] { first, second };
            await SeedAsync(connection);

            // Wait until a run is under way and part done, then kill the server that runs it.
            var running = await WaitForAsync(async () =>
            {
                var started = await CountAsync(connection, """SELECT count(*) FROM "DunningCases" """);
                if (started < 50 || started >= OverdueCustomers)
                {
                    Assert.True(started < OverdueCustomers, $"the run finished before it could be interrupted; raise {nameof(OverdueCustomers)}");
                    return null;
                }

                var owner = await RunningServerProcessIdAsync(connection);
                return servers.FirstOrDefault(s => s.ProcessId == owner);
            }, "a run of overdue-escalation under way");
            var casesAtKill = await CountAsync(connection, """SELECT count(*) FROM "DunningCases" """);
            var finishedBefore = await DoneRunsAsync(connection);
            await running.KillAsync();
            var survivor = servers.Single(s => s != running);
            output.WriteLine($"killed server {running.Name} after {casesAtKill} of {OverdueCustomers} cases; {survivor.Name} carries on");

            // The survivor's later runs finish the day.
            await WaitForAsync(async () => await DoneRunsAsync(connection) > finishedBefore ? (object)true : null, "the interrupted run finished");

            Assert.False(survivor.HasExited, survivor.Output);
            Assert.Equal(OverdueCustomers, await CountAsync(connection, """SELECT count(*) FROM "DunningCases" """));
            Assert.Equal(OverdueCustomers, await CountAsync(connection, """SELECT count(DISTINCT "CustomerId") FROM "DunningCases" """));
            // No case started twice in the engine, not even one whose row the kill lost.
            Assert.Equal(OverdueCustomers, await CountAsync(connection, """SELECT count(*) FROM "WorkflowInstances" WHERE "ProcessKey" = 'overdueEscalation'"""));
            Assert.Equal(0, await CountAsync(connection, """
                SELECT count(*) FROM "WorkflowInstances" w WHERE w."ProcessKey" = 'overdueEscalation'
                AND NOT EXISTS (SELECT 1 FROM "DunningCases" c WHERE c."InstanceId" = w."Id")
                """));
            // Each letter once in the archive, and once in the outbox.
            Assert.Equal(0, await CountAsync(connection, """
                SELECT count(*) FROM (SELECT 1 FROM "DunningLetters" GROUP BY "CaseInstanceId", "Kind" HAVING count(*) > 1) d
                """));
            var letters = await CountAsync(connection, """SELECT count(*) FROM "DunningLetters" """);
            Assert.True(letters >= OverdueCustomers, $"{letters} letters for {OverdueCustomers} customers");
            Assert.Equal(letters, await CountAsync(connection, """SELECT count(*) FROM "EmailOutbox" WHERE "Category" LIKE 'dunning.%'"""));
            Assert.Equal(0, await CountAsync(connection, """
                SELECT count(*) FROM (SELECT 1 FROM "EmailOutbox" WHERE "Category" LIKE 'dunning.%' GROUP BY "CorrelationId", "Category" HAVING count(*) > 1) d
                """));
            // One hold per customer the ladder put on hold (level 3 and beyond: 30 days and more overdue).
            var heldCustomers = await CountAsync(connection, """SELECT count(DISTINCT "CustomerId") FROM "CreditHolds" """);
            Assert.Equal(await CountAsync(connection, """SELECT count(*) FROM "CreditHolds" """), heldCustomers);
            Assert.Equal(Enumerable.Range(0, OverdueCustomers).Count(i => DaysOverdue(i) >= 30), heldCustomers);

            // A later run the same day changes nothing.
            var finishedAfter = await DoneRunsAsync(connection);
            await WaitForAsync(async () => await DoneRunsAsync(connection) > finishedAfter ? (object)true : null, "another run");
            Assert.Equal(OverdueCustomers, await CountAsync(connection, """SELECT count(*) FROM "WorkflowInstances" WHERE "ProcessKey" = 'overdueEscalation'"""));
            Assert.Equal(letters, await CountAsync(connection, """SELECT count(*) FROM "DunningLetters" """));
        }
        catch
        {
            foreach (var server in new[] { first, second })
            {
                if (server is not null)
                {
                    output.WriteLine($"--- server {server.Name} (pid {server.ProcessId}) ---\n{server.Output}");
                }
            }

            throw;
        }
        finally
        {
            if (first is not null)
            {
                await first.DisposeAsync();
            }

            if (second is not null)
            {
                await second.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(cluster);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            data.Delete(recursive: true);
        }
    }

    /// <summary>1 to 70 days past due, so every rung of the ladder has customers.</summary>
    private static int DaysOverdue(int i) => 1 + (i % 70);

    private static async Task SeedAsync(string connection)
    {
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var writer = BulkRows.Writer("postgresql", connection);
        await writer.OpenAsync();
        await writer.BeginAsync("Customers", ["Id", "Name", "RegistrationNumber", "Status", "CreatedAt", "Owner", "ContactEmail"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text]);
        for (var i = 0; i < OverdueCustomers; i++)
        {
            await writer.RowAsync(CustomerId(i), $"Two-server customer {i}", $"93{i:D16}", "Active", now, Users.Sally, $"ap{i}@multi.test");
        }

        await writer.EndAsync();
        await writer.BeginAsync("ReceivableItems",
            ["Id", "CustomerId", "Kind", "ExternalId", "Currency", "IssueDate", "DueDate", "AmountMinor", "OpenMinor", "IsOpen", "DunningLevel", "Revision", "CreatedAt", "UpdatedAt"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Date, NpgsqlDbType.Date, NpgsqlDbType.Bigint,
                NpgsqlDbType.Bigint, NpgsqlDbType.Boolean, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz]);
        for (var i = 0; i < OverdueCustomers; i++)
        {
            var due = today.AddDays(-DaysOverdue(i));
            await writer.RowAsync(Guid.CreateVersion7(), CustomerId(i), "Invoice", $"M{i}", "CNY", due.AddDays(-30), due, 250_000L, 250_000L, true, 0, 0, now, now);
        }

        await writer.EndAsync();
        await writer.CommitAsync();
    }

    /// <summary>The process id of the server whose worker holds the escalation job in Processing, from Hangfire's own state rows.</summary>
    private static async Task<int?> RunningServerProcessIdAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT s.data::text FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
            WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE '%OverdueEscalationJob%'
            """, db);
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // Hangfire names a server "host:pid:guid".
            if (ServerId().Match(reader.GetString(0)) is { Success: true } match)
            {
                return int.Parse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static Task<long> DoneRunsAsync(string connection) =>
        CountAsync(connection, """SELECT count(*) FROM "DunningRuns" WHERE "FinishedAt" IS NOT NULL""");

    private static async Task<long> CountAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no {what} within {Patience}");
    }

    private static Guid CustomerId(int i) => new($"00000000-0000-4000-9000-{i:D12}");

    [GeneratedRegex("\"ServerId\"\\s*:\\s*\"[^\":]*:(?<pid>\\d+):")]
    private static partial Regex ServerId();
}
