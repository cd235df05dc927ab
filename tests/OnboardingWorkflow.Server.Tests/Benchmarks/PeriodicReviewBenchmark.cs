extern alias cli;

using System.Diagnostics;
using cli::OnboardingWorkflow.Cli.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NpgsqlTypes;
using OnboardingWorkflow.Application.Reviews;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Server.Tests.Seeding;
using OnboardingWorkflow.Testing;
using Xunit.Abstractions;

namespace OnboardingWorkflow.Server.Tests.Benchmarks;

/// <summary>
/// The periodic-review job over 1,000,000 active customers, on the real server's wiring: next
/// review dates spread evenly over the coming 365 days, as a steady state has them; the reviews due
/// in the next 29 days were opened by earlier days' runs (their case rows are seeded), so today's
/// run, with the default lead time of 30 days, has the customers due on day 30 to open (one in
/// 365). Measured: the walk of the due cohort alone (keyset pages over the next-review index, the
/// cases of earlier days skipped by their unique index), the run that opens today's cases in
/// batches, and the walk again afterwards. A measurement (see BENCHMARKS.md), skipped unless
/// OWF_BENCHMARK=1.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(HangfireHostCollection.Name)]
public sealed class PeriodicReviewBenchmark(ITestOutputHelper output)
{
    private const int Customers = 1_000_000;
    private const int Days = 365;
    private const int LeadTimeDays = 30;

    [BenchmarkFact]
    public async Task On_sqlite()
    {
        // Pooled connections, as the product runs (the test servers turn pooling off).
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
        var connection = server.Services.GetRequiredService<IConfiguration>()["Database:ConnectionString"]!;
        var now = server.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var batchSize = server.Services.GetRequiredService<IOptions<ReviewOptions>>().Value.BatchSize;
        output.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        var watch = Stopwatch.StartNew();
        var (opened, dueToday) = await SeedAsync(provider, connection, now, today);
        await server.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(provider == "sqlite" ? "ANALYZE" : "VACUUM ANALYZE"));
        output.WriteLine($"{provider}: seeded {Customers:N0} customers and profiles and {opened:N0} open reviews in {watch.Elapsed.TotalSeconds:F1} s");

        var dueBy = today.AddDays(LeadTimeDays);
        watch.Restart();
        var (found, pages) = await WalkCohortAsync(server, dueBy, batchSize);
        var walk = watch.Elapsed;
        output.WriteLine($"{provider}: due cohort found in {walk.TotalSeconds:F2} s ({found:N0} customers due by {dueBy:yyyy-MM-dd} without a case, {pages} pages of {batchSize})");

        var sweep = server.Services.GetRequiredService<ReviewSweep>();
        watch.Restart();
        var run = await sweep.RunAsync(CancellationToken.None);
        var runTime = watch.Elapsed;
        output.WriteLine($"{provider}: run {runTime.TotalSeconds:F1} s ({run.CustomersDue:N0} due, {run.CasesStarted:N0} cases started in {run.Batches} batches, "
            + $"{runTime.TotalMilliseconds / Math.Max(1, run.CasesStarted):F1} ms per case)");

        watch.Restart();
        var (after, _) = await WalkCohortAsync(server, dueBy, batchSize);
        output.WriteLine($"{provider}: cohort walked again after the run in {watch.Elapsed.TotalSeconds:F2} s ({after} left)");
        output.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");

        Assert.Equal(dueToday, found);
        Assert.Equal((dueToday, dueToday), (run.CustomersDue, run.CasesStarted));
        Assert.Equal(0, after);
        Assert.Equal(opened + dueToday, await server.WithDbAsync(db => db.Set<ReviewCase>().CountAsync()));
        Assert.Equal(0, await server.WithDbAsync(db => db.Set<ReviewCase>().GroupBy(r => new { r.CustomerId, r.DueDate }).CountAsync(g => g.Count() > 1)));
    }

    /// <summary>Pages through the due cohort as the job does, without opening anything.</summary>
    private static async Task<(int Found, int Pages)> WalkCohortAsync(OnboardingServer server, DateOnly dueBy, int batchSize)
    {
        var (found, pages) = (0, 0);
        DueCustomer? last = null;
        while (true)
        {
            var page = await server.WithDbAsync(db => ReviewCohort.NextAsync(db, dueBy, last?.DueDate, last?.CustomerId, batchSize, CancellationToken.None));
            if (page.Count == 0)
            {
                return (found, pages);
            }

            (found, pages, last) = (found + page.Count, pages + 1, page[^1]);
        }
    }

    /// <summary>Customer i is due on day 1 + i % 365; the reviews of days 1 to 29 are open already. Returns (open reviews, due today).</summary>
    private static async Task<(int Opened, int DueToday)> SeedAsync(string provider, string connection, DateTimeOffset now, DateOnly today)
    {
        await using var writer = BulkRows.Writer(provider, connection);
        await writer.OpenAsync();
        await SeedTables.CustomersAsync(writer, Customers, CustomerId, "93", now);
        await SeedTables.ProfilesAsync(writer, Customers, CustomerId, 50_000m, i => DueOn(today, i), now);
        await writer.BeginAsync("ReviewCases",
            ["Id", "CustomerId", "DueDate", "InstanceId", "Status", "Owner", "PreviousGrade", "PreviousTier", "PreviousLimit", "PreviousTermsDays", "StartedAt", "Revision"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Date, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
                NpgsqlDbType.Numeric, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.Integer]);
        var (opened, dueToday) = (0, 0);
        for (var i = 0; i < Customers; i++)
        {
            var due = DueOn(today, i);
            if (due < today.AddDays(LeadTimeDays))
            {
                await writer.RowAsync(Guid.CreateVersion7(), CustomerId(i), due, Guid.CreateVersion7(), "Running", Users.Sally, "A", "Low", 50_000m, 30, now, 1);
                opened++;
            }
            else if (due == today.AddDays(LeadTimeDays))
            {
                dueToday++;
            }
        }

        await writer.EndAsync();
        await writer.CommitAsync();
        return (opened, dueToday);
    }

    private static DateOnly DueOn(DateOnly today, int i) => today.AddDays(1 + i % Days);

    private static Guid CustomerId(int i) => new($"00000000-0000-4000-8000-{i:D12}");
}
