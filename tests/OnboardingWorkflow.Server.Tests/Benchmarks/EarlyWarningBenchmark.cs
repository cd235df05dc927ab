extern alias cli;

using System.Diagnostics;
using cli::OnboardingWorkflow.Cli.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpgsqlTypes;
using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Tests.Jobs;
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
    /// <summary>1,000,000 unless OWF_BENCHMARK_CUSTOMERS names another multiple of 1,000 (a smaller population for comparing two builds quickly).</summary>
    private static readonly int Customers = int.TryParse(Environment.GetEnvironmentVariable("OWF_BENCHMARK_CUSTOMERS"), out var n) && n >= 1000 && n % 1000 == 0 ? n : 1_000_000;
    private const int Every = 1000;

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
        await SeedAsync(provider, connection, now, today);
        await server.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(provider == "sqlite" ? "ANALYZE" : "VACUUM ANALYZE"));
        output.WriteLine($"{provider}: seeded {Customers:N0} customers with profiles, invoices, two orders and a baseline each in {watch.Elapsed.TotalSeconds:F1} s");

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
        Assert.Equal(Customers, first.CustomersEvaluated);
        Assert.Equal(3 * Customers / Every, first.AlertsRaised);
        Assert.Equal(2 * Customers / Every, first.ReviewsRequested);
        Assert.Equal(Customers / Every, first.HoldsPlaced);
        Assert.Equal(0, second.AlertsRaised);
        Assert.Equal(Customers / 30, await server.WithDbAsync(db => db.Set<EarlyWarningBaseline>().CountAsync(b => b.TakenOn == today)));
    }

    private static async Task SeedAsync(string provider, string connection, DateTimeOffset now, DateOnly today)
    {
        await using var writer = BulkRows.Writer(provider, connection);
        await writer.OpenAsync();
        await writer.BeginAsync("Customers", ["Id", "Name", "RegistrationNumber", "Status", "CreatedAt", "Owner"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text]);
        for (var i = 0; i < Customers; i++)
        {
            await writer.RowAsync(CustomerId(i), $"Bench customer {i}", $"93{i:D16}", "Active", now, Users.Sally);
        }

        await writer.EndAsync();
        await writer.BeginAsync("CreditProfiles", ["Id", "CustomerId", "Score", "Grade", "Tier", "CreditLimit", "TermsDays", "NextReview", "PolicyVersion", "UpdatedAt"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Double, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Numeric, NpgsqlDbType.Integer,
                NpgsqlDbType.Date, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz]);
        for (var i = 0; i < Customers; i++)
        {
            await writer.RowAsync(Guid.CreateVersion7(), CustomerId(i), 650.0, "A", "Low", 100_000m, 30, today.AddYears(1), "bench", now);
        }

        await writer.EndAsync();

        // One open invoice each of 30,000.00, issued this period; the overdue-ratio customers have a second one of 10,000.00, 15 days past due (a quarter overdue).
        await writer.BeginAsync("ReceivableItems",
            ["Id", "CustomerId", "Kind", "ExternalId", "Currency", "IssueDate", "DueDate", "AmountMinor", "OpenMinor", "IsOpen", "DunningLevel", "Revision", "CreatedAt", "UpdatedAt"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Date, NpgsqlDbType.Date, NpgsqlDbType.Bigint,
                NpgsqlDbType.Bigint, NpgsqlDbType.Boolean, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz]);
        for (var i = 0; i < Customers; i++)
        {
            var issued = today.AddDays(-(i % 25));
            await writer.RowAsync(Guid.CreateVersion7(), CustomerId(i), "Invoice", $"W{i}", "CNY", issued, issued.AddDays(30), 3_000_000L, 3_000_000L, true, 0, 0, now, now);
            if (i % Every == 1)
            {
                await writer.RowAsync(Guid.CreateVersion7(), CustomerId(i), "Invoice", $"W{i}-late", "CNY", today.AddDays(-45), today.AddDays(-15), 1_000_000L, 1_000_000L,
                    true, 0, 0, now, now);
            }
        }

        await writer.EndAsync();

        // Orders: 20,000.00 in the previous period and 20,000.00 in this one (surge customers: 50,000.00; utilisation customers: an open order of 60,000.00 more).
        await writer.BeginAsync("CustomerOrders", ["Id", "CustomerId", "ExternalId", "Currency", "OrderDate", "AmountMinor", "Status", "CreatedAt", "UpdatedAt"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Date, NpgsqlDbType.Bigint, NpgsqlDbType.Text,
                NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz]);
        for (var i = 0; i < Customers; i++)
        {
            await writer.RowAsync(Guid.CreateVersion7(), CustomerId(i), $"P{i}", "CNY", today.AddDays(-35 - i % 20), 2_000_000L, "Delivered", now, now);
            await writer.RowAsync(Guid.CreateVersion7(), CustomerId(i), $"T{i}", "CNY", today.AddDays(-(i % 25)), i % Every == 0 ? 5_000_000L : 2_000_000L, "Delivered", now, now);
            if (i % Every == 2)
            {
                await writer.RowAsync(Guid.CreateVersion7(), CustomerId(i), $"U{i}", "CNY", today.AddDays(-100), 6_500_000L, "Open", now, now);
            }
        }

        await writer.EndAsync();
        await writer.BeginAsync("EarlyWarningBaselines", ["CustomerId", "TakenOn", "DaysBeyondTerms", "CollectionPeriodDays"],
            [NpgsqlDbType.Uuid, NpgsqlDbType.Date, NpgsqlDbType.Double, NpgsqlDbType.Double]);
        for (var i = 0; i < Customers; i++)
        {
            await writer.RowAsync(CustomerId(i), today.AddDays(-1 - i % 30), 0.0, 30.0);
        }

        await writer.EndAsync();
        await writer.CommitAsync();
    }

    /// <summary>What the runtime did besides the job's own code: methods compiled by the JIT and its time, bytes allocated, gen-2 collections.</summary>
    private readonly record struct RuntimeFigures(long Jitted, TimeSpan JitTime, long Allocated, int Gen2)
    {
        public static RuntimeFigures Now() =>
            new(System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(2));

        public static RuntimeFigures operator -(RuntimeFigures a, RuntimeFigures b) => new(a.Jitted - b.Jitted, a.JitTime - b.JitTime, a.Allocated - b.Allocated, a.Gen2 - b.Gen2);

        public override string ToString() =>
            $"{Jitted:N0} methods jitted in {JitTime.TotalSeconds:F1} s, {Allocated / 1_000_000.0:N0} MB allocated, {Gen2} gen-2 collections";
    }

    private static Guid CustomerId(int i) => new($"00000000-0000-4000-8000-{i:D12}");
}
