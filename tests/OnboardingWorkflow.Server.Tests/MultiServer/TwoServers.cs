extern alias cli;

using System.Globalization;
using System.Text.RegularExpressions;
using cli::OnboardingWorkflow.Cli.Commands;
using Npgsql;
using OnboardingWorkflow.Testing;
using Xunit.Abstractions;

namespace OnboardingWorkflow.Server.Tests.MultiServer;

/// <summary>
/// Two server processes on one fresh PostgreSQL database, Hangfire's storage in it. For a daily job,
/// the job under test is scheduled every 15 seconds on both and the other daily jobs are off. The data is
/// seeded before either server may run the job: a first process with jobs off creates the schema
/// and goes, then the two servers start. A scenario finds the server running the job from Hangfire's
/// own state rows and kills it the hard way; the dead server's job lock lapses after 20 seconds,
/// so the survivor's next run resumes from the checkpoint.
/// </summary>
public sealed partial class TwoServers
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(3);
    private static readonly string[] DailyJobs = ["OverdueEscalation", "PeriodicReview", "EarlyWarning"];

    private readonly string? _jobClass;

    private TwoServers(string connection, string? jobClass, ServerProcess first, ServerProcess second)
    {
        Connection = connection;
        _jobClass = jobClass;
        Servers = [first, second];
    }

    public string Connection { get; }

    public IReadOnlyList<ServerProcess> Servers { get; }

    /// <summary>
    /// Runs <paramref name="scenario"/> against two servers where <paramref name="job"/> (a Jobs
    /// setting name such as "PeriodicReview", run by the class "{job}Job") runs every 15 seconds,
    /// after <paramref name="seed"/> filled the database. On failure both servers' output is written
    /// to the test output; the database is dropped in any case.
    /// </summary>
    public static Task RunAsync(ITestOutputHelper output, string job, IReadOnlyDictionary<string, string> extraSettings,
        Func<IBulkRowWriter, Task> seed, Func<TwoServers, Task> scenario)
    {
        var settings = new Dictionary<string, string>
        {
            ["Jobs:LockTimeout"] = "00:00:20",
            // Mails stay in the outbox, where they are counted; delivery is proved elsewhere.
            ["Jobs:EmailOutbox"] = "false",
        };
        foreach (var daily in DailyJobs)
        {
            settings[$"Jobs:{daily}"] = daily == job ? "true" : "false";
        }

        settings[$"Jobs:{job}Cron"] = "*/15 * * * * *";
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        return RunOnFreshDatabaseAsync(output, settings, seed, scenario, job + "Job");
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> against two servers on a fresh database with the jobs on and
    /// <paramref name="settings"/> (as <c>Section:Key</c>) added to the common ones. With a
    /// <paramref name="seed"/>, a first process with the jobs off creates the schema, the seed fills
    /// it, and only then do the two servers start. <paramref name="jobClass"/> names the job that
    /// <see cref="KillTheRunnerAsync"/> looks for, if the scenario kills its runner.
    /// </summary>
    public static async Task RunOnFreshDatabaseAsync(ITestOutputHelper output, IReadOnlyDictionary<string, string> settings,
        Func<IBulkRowWriter, Task>? seed, Func<TwoServers, Task> scenario, string? jobClass = null)
    {
        var cluster = await PostgreSqlTestServer.GetConnectionStringAsync();
        var database = "owf_multi_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(cluster) { Database = database }.ConnectionString;
        var data = Directory.CreateTempSubdirectory("owf-multi-");
        var all = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = connection,
            ["Database:DataDirectory"] = data.FullName,
            ["Bootstrap:AdminEmail"] = OnboardingServer.AdminEmail,
            ["Bootstrap:AdminPassword"] = OnboardingServer.Password,
            ["Jobs:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:OnboardingWorkflow.Server.Jobs"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var started = new List<ServerProcess>();
        try
        {
            if (seed is not null)
            {
                var schema = await ServerProcess.StartAsync("schema", new Dictionary<string, string>(all) { ["Jobs:Enabled"] = "false" }, StartWithin);
                started.Add(schema);
                await using (var writer = BulkRows.Writer("postgresql", connection))
                {
                    await writer.OpenAsync();
                    await seed(writer);
                    await writer.CommitAsync();
                }

                started.Remove(schema);
                await schema.DisposeAsync();
            }

            // One after the other, so they do not race to create the schema or register the recurring jobs.
            var first = await ServerProcess.StartAsync("A", all, StartWithin);
            started.Add(first);
            var second = await ServerProcess.StartAsync("B", all, StartWithin);
            started.Add(second);
            await scenario(new TwoServers(connection, jobClass, first, second));
        }
        catch
        {
            foreach (var server in started)
            {
                output.WriteLine($"--- server {server.Name} (pid {server.ProcessId}) ---\n{server.Output}");
            }

            throw;
        }
        finally
        {
            foreach (var server in started)
            {
                await server.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(cluster);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            data.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Waits until <paramref name="partDone"/> says a run is under way but not finished, and kills the
    /// server whose worker runs the job at that moment. Returns the survivor.
    /// </summary>
    public async Task<ServerProcess> KillTheRunnerAsync(Func<Task<bool>> partDone, ITestOutputHelper output)
    {
        Assert.NotNull(_jobClass);
        var running = await WaitForAsync(async () =>
        {
            if (!await partDone())
            {
                return null;
            }

            var owner = await RunningServerProcessIdAsync();
            return Servers.FirstOrDefault(s => s.ProcessId == owner);
        }, $"a run of {_jobClass} under way");
        await running.KillAsync();
        var survivor = Servers.Single(s => s != running);
        output.WriteLine($"killed server {running.Name} in the middle of {_jobClass}; {survivor.Name} carries on");
        return survivor;
    }

    /// <summary>Waits until <paramref name="sql"/> counts more than <paramref name="before"/>.</summary>
    public Task WaitForMoreAsync(string sql, long before, string what) =>
        WaitForAsync(async () => await CountAsync(sql) > before ? (object)true : null, what);

    public async Task<long> CountAsync(string sql)
    {
        await using var db = new NpgsqlConnection(Connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Waits, up to a few minutes, until <paramref name="probe"/> finds something.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what) where T : class
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

    /// <summary>The process id of the server whose worker holds the job in Processing, from Hangfire's own state rows.</summary>
    private async Task<int?> RunningServerProcessIdAsync()
    {
        await using var db = new NpgsqlConnection(Connection);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT s.data::text FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
            WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE @job
            """, db);
        query.Parameters.AddWithValue("job", $"%.{_jobClass},%");
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // Hangfire names a server "host:pid:guid".
            if (ServerId().Match(reader.GetString(0)) is { Success: true } match)
            {
                return int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex("\"ServerId\"\\s*:\\s*\"[^\":]*:(?<pid>\\d+):")]
    private static partial Regex ServerId();
}
