using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using OnboardingWorkflow.Cli.Commands;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Cli.Tests;

/// <summary><c>owf bench --store</c>: the reference flow on a real database, one unit of work per step, with its database traffic counted.</summary>
public sealed partial class StoreBenchFacts
{
    [Fact]
    public void On_SQLite_with_two_workers_every_instance_takes_its_path_and_every_unit_of_work_goes_in_a_group_commit()
    {
        var run = CliRun.Of("bench", "--store", "sqlite", "--workers", "2", "--n", "20", "--warmup", "4", "--variables", "30", "--file", CliRun.ReferenceFlow);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("store Sqlite, 2 worker(s), 30 extra variables per instance; durability: journal_mode=wal, synchronous=FULL", run.Stdout);
        Assert.Matches(@"wall time per start [\d.]+ ms, per task completion [\d.]+ ms", run.Stdout);
        Assert.Contains("20 instances in ", run.Stdout);
        Assert.Contains("30 task completions, 50 units of work", run.Stdout);
        var traffic = Traffic(run.Stdout);
        var group = GroupCommitLine().Match(run.Stdout);
        Assert.True(group.Success, run.Stdout);
        Assert.Equal(50, int.Parse(group.Groups["units"].Value, CultureInfo.InvariantCulture));
        var commits = int.Parse(group.Groups["commits"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(commits, 1, 50);
        Assert.Equal(Math.Round(commits / 50.0, 2), traffic.Transactions);
        Assert.Equal(0, traffic.WithBatch);
        var turn = TurnLine().Match(run.Stdout);
        Assert.True(turn.Success, run.Stdout);
        Assert.InRange(int.Parse(turn.Groups["held"].Value, CultureInfo.InvariantCulture), 1, 100);
        Assert.True(double.Parse(turn.Groups["writes"].Value, CultureInfo.InvariantCulture) > 0, run.Stdout);
        Assert.True(double.Parse(turn.Groups["commits"].Value, CultureInfo.InvariantCulture) > 0, run.Stdout);
        Assert.InRange(traffic.Commands, 2.0, 30.0);
        Assert.True(traffic.Statements >= traffic.Commands, run.Stdout);
    }

    [Fact]
    public async Task On_PostgreSql_the_durability_of_its_commits_is_stated()
    {
        var cluster = await PostgreSqlTestServer.GetConnectionStringAsync();
        var name = "owf_bench_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(cluster) { Database = name }.ConnectionString;
        try
        {
            var run = CliRun.Of("bench", "--store", "postgresql", "--connection", connection, "--n", "10", "--warmup", "0", "--file", CliRun.ReferenceFlow);

            Assert.True(run.ExitCode == 0, run.Stderr);
            // The test cluster is thrown away and runs without syncing; the line says so, as it would say "on" for a durable one.
            Assert.Contains($"store PostgreSql, 1 worker(s), 0 extra variables per instance; durability: synchronous_commit={await ShowAsync(cluster, "synchronous_commit")}, fsync={await ShowAsync(cluster, "fsync")}",
                run.Stdout);
            Assert.Contains("15 task completions, 25 units of work", run.Stdout);
            var traffic = Traffic(run.Stdout);
            Assert.Equal(1.0, traffic.Transactions);
            // A start reads the latest version, a completion its task with its instance; then one
            // batch, which is its own transaction: its commit takes no round trip of its own.
            Assert.Equal(1.0, traffic.WithBatch);
            Assert.Equal(2.0, traffic.RoundTrips);
            Assert.True(traffic.Statements > traffic.Commands * 1.5, run.Stdout);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(cluster);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public void A_wrong_path_on_a_store_fails_the_run()
    {
        var path = Path.Combine(Path.GetTempPath(), $"approval-{Guid.NewGuid():N}.bpmn");
        File.WriteAllText(path, File.ReadAllText(CliRun.ReferenceFlow).Replace("${amount &gt; 1000}", "${amount &gt; 100000}"));
        try
        {
            var run = CliRun.Of("bench", "--store", "sqlite", "--n", "6", "--warmup", "0", "--file", path);

            Assert.Equal(ExitCodes.Failed, run.ExitCode);
            Assert.Contains("3 instance(s) took a wrong path", run.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--store", "oracle")]
    [InlineData("--store", "postgresql")]
    [InlineData("--workers", "2")]
    [InlineData("--workers", "0")]
    [InlineData("--variables", "10001")]
    [InlineData("--variables", "-1")]
    public void A_store_option_that_does_not_fit_is_a_usage_error(string option, string value)
    {
        var run = CliRun.Of("bench", option, value, "--file", CliRun.ReferenceFlow);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Single(CliRun.Lines(run.Stderr), line => line.StartsWith("owf bench: ", StringComparison.Ordinal));
    }

    private static async Task<string> ShowAsync(string connection, string setting)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var show = new NpgsqlCommand($"SHOW {setting}", db);
        return (string)(await show.ExecuteScalarAsync())!;
    }

    private static (double RoundTrips, double Commands, double Statements, double Transactions, double WithBatch) Traffic(string stdout)
    {
        var match = TrafficLine().Match(stdout);
        Assert.True(match.Success, stdout);
        double Value(string group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return (Value("trips"), Value("commands"), Value("statements"), Value("transactions"), Value("batch"));
    }

    [GeneratedRegex(@"^write turn held (?<held>\d+) % of the wall time: writes (?<writes>[\d.]+) ms per unit of work, commits (?<commits>[\d.]+) ms each", RegexOptions.Multiline)]
    private static partial Regex TurnLine();

    [GeneratedRegex(@"^group commit: (?<units>\d+) units of work in (?<commits>\d+) commits, ", RegexOptions.Multiline)]
    private static partial Regex GroupCommitLine();

    [GeneratedRegex(@"^per unit of work: (?<trips>[\d.]+) round trips \((?<commands>[\d.]+) commands or batches, (?<transactions>[\d.]+) commits(, (?<batch>[\d.]+) of them with their batch)?\), (?<statements>[\d.]+) SQL statements$", RegexOptions.Multiline)]
    private static partial Regex TrafficLine();
}
