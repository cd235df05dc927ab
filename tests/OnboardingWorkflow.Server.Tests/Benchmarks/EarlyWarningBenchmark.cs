extern alias cli;

using System.Diagnostics;
using cli::OnboardingWorkflow.Cli.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Server.Tests.Seeding;
using OnboardingWorkflow.Testing;
using Xunit.Abstractions;

namespace OnboardingWorkflow.Server.Tests.Benchmarks;

/// <summary>
/// The early-warning job over 1,000,000 active customers on the real server's wiring, a steady-state
/// day: every customer has a credit profile, one open invoice issued this period, an order in this
/// period and one in the period before, and a trend baseline taken 1 to 30 days ago (so about one in
/// thirty renews it today). One customer in a thousand has an order surge (review), one in a
/// thousand an overdue ratio above the alert threshold (hold), one in a thousand a utilisation warning
/// (e-mail). The job runs twice on the same day: the second run evaluates everyone again and adds
/// nothing. A measurement (see BENCHMARKS.md), skipped unless OWF_BENCHMARK=1.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(HangfireHostCollection.Name)]
public sealed class EarlyWarningBenchmark(ITestOutputHelper output)
{
    /// <summary>1,000,000 customers unless OWF_BENCHMARK_CUSTOMERS names another multiple of 1,000 (a smaller population for comparing two builds quickly).</summary>
    private static readonly WarningPopulation Population = new(
        customers: int.TryParse(Environment.GetEnvironmentVariable("OWF_BENCHMARK_CUSTOMERS"), out var n) && n >= 1000 && n % 1000 == 0 ? n : 1_000_000,
        every: 1000);

    [BenchmarkFact]
    public async Task On_sqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"owf-bench-{Guid.NewGuid():N}.db");
        try
        {
            await RunAsync("sqlite", OnboardingServer.Start(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={file}" }));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    [BenchmarkFact]
    public async Task On_postgresql()
    {
        var cluster = await PostgreSqlTestServer.GetConnectionStringAsync();
        var database = "owf_bench_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(cluster) { Database = database, Pooling = true }.ConnectionString;
        try
        {
            await RunAsync("postgresql", OnboardingServer.Start(new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = connection }));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(cluster);
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private async Task RunAsync(string provider, OnboardingServer server)
    {
        await using var _ = server;
        await server.SeedUsersAsync();
        var connection = server.Services.GetRequiredService<IConfiguration>()["Database:ConnectionString"]!;
        var now = server.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var watch = Stopwatch.StartNew();
        await using (var writer = BulkRows.Writer(provider, connection))
        {
            await writer.OpenAsync();
            await Population.SeedAsync(writer, now, today);
            await writer.CommitAsync();
        }

        await server.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(provider == "sqlite" ? "ANALYZE" : "VACUUM ANALYZE"));
        output.WriteLine($"{provider}: seeded {Population.Customers:N0} customers with profiles, invoices, two orders and a baseline each in {watch.Elapsed.TotalSeconds:F1} s");

        var sweep = server.Services.GetRequiredService<EarlyWarningSweep>();
        var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var runtime = RuntimeFigures.Now();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        watch.Restart();
        var firstPhases = new EarlyWarningPhases();
        var first = await sweep.RunAsync(CancellationToken.None, phases: firstPhases);
        var firstTime = watch.Elapsed;
        process.Refresh();
        var firstCpu = process.TotalProcessorTime - cpu;
        var firstRuntime = RuntimeFigures.Now() - runtime;
        runtime = RuntimeFigures.Now();
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        cpu = process.TotalProcessorTime;
        watch.Restart();
        var secondPhases = new EarlyWarningPhases();
        var second = await sweep.RunAsync(CancellationToken.None, phases: secondPhases);
        var secondTime = watch.Elapsed;
        process.Refresh();
        var secondCpu = process.TotalProcessorTime - cpu;
        var secondRuntime = RuntimeFigures.Now() - runtime;

        // The test process's CPU time (with SQLite: the database's work too) says what the run costs whatever else the machine runs.
        output.WriteLine($"{provider}: load average before the runs {loadBefore}, after {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; CPU time of this process: "
            + $"first run {firstCpu.TotalSeconds:F1} s, second {secondCpu.TotalSeconds:F1} s");
        output.WriteLine($"{provider}: first run {firstTime.TotalSeconds:F1} s ({first.CustomersEvaluated:N0} customers in {first.Batches} batches; {first.AlertsRaised:N0} alerts, "
            + $"{first.ReviewsRequested:N0} reviews, {first.HoldsPlaced:N0} holds)");
        output.WriteLine($"{provider}: second run the same day {secondTime.TotalSeconds:F1} s ({second.CustomersEvaluated:N0} evaluated, {second.AlertsRaised} alerts)");
        output.WriteLine($"{provider}: runtime, first run: {firstRuntime}; second run: {secondRuntime}");
        output.WriteLine($"{provider}: phases (wall time summed over batches) first run: {firstPhases}; second run: {secondPhases}");
        Assert.Equal(Population.Customers, first.CustomersEvaluated);
        Assert.Equal(Population.Alerts, first.AlertsRaised);
        Assert.Equal(Population.Reviews, first.ReviewsRequested);
        Assert.Equal(Population.Holds, first.HoldsPlaced);
        Assert.Equal(0, second.AlertsRaised);
        Assert.Equal(Population.BaselinesDueToday, await server.WithDbAsync(db => db.Set<EarlyWarningBaseline>().CountAsync(b => b.TakenOn == today)));
    }
}
