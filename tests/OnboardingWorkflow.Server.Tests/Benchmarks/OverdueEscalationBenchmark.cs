extern alias cli;

using System.Diagnostics;
using cli::OnboardingWorkflow.Cli.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Server.Tests.Seeding;
using OnboardingWorkflow.Testing;
using Xunit.Abstractions;

namespace OnboardingWorkflow.Server.Tests.Benchmarks;

/// <summary>
/// The overdue-escalation job over 1,000,000 open invoices (200,000 customers, five each), on the
/// real server's wiring: one customer in a hundred has an invoice 1 to 70 days past due, the rest
/// are not due yet. The first run starts 2,000 cases (the engine, letters, holds, outbox); the
/// second, the same day, evaluates everyone again and changes nothing: the daily cost of a quiet
/// day. Each provider first does the same on a small database in this process, so the measured
/// run is not the process's first (JIT). A measurement (see BENCHMARKS.md), skipped unless OWF_BENCHMARK=1.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(HangfireHostCollection.Name)]
public sealed class OverdueEscalationBenchmark(ITestOutputHelper output)
{
    private const int Customers = 200_000;

    /// <summary>
    /// The customers of the warm-up pass (200 cases started). A fresh process compiles about 19,000
    /// methods on its first run of the job (12 s of JIT on these 2 cores, measured), which a server
    /// pays once after its start, not on each day's run; the figures of the warm-up pass are printed too.
    /// </summary>
    private const int WarmUp = 20_000;
    private const int InvoicesPerCustomer = 5;
    private const int OverdueEvery = 100;

    [BenchmarkFact]
    public async Task On_sqlite()
    {
        // The same job on a small database first, in this process: the measured run is then the
        // second the process has done, as a server's daily job is (see WarmUp).
        await OnSqliteAsync(WarmUp);
        await OnSqliteAsync(Customers);
    }

    private async Task OnSqliteAsync(int customers)
    {
        // Pooled connections, as the product runs (the test servers turn pooling off).
        var file = Path.Combine(Path.GetTempPath(), $"owf-bench-{Guid.NewGuid():N}.db");
        try
        {
            await RunAsync("sqlite", customers, OnboardingServer.Start(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={file}" }));
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
        await OnPostgreSqlAsync(WarmUp);
        await OnPostgreSqlAsync(Customers);
    }

    private async Task OnPostgreSqlAsync(int customers)
    {
        // Pooled connections, as above; without a pool Npgsql reads the type catalogue on every unit of work.
        var cluster = await PostgreSqlTestServer.GetConnectionStringAsync();
        var database = "owf_bench_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(cluster) { Database = database, Pooling = true }.ConnectionString;
        try
        {
            await RunAsync("postgresql", customers, OnboardingServer.Start(new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = connection }));
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

    private async Task RunAsync(string provider, int customers, OnboardingServer server)
    {
        await using var _ = server;
        var connection = server.Services.GetRequiredService<IConfiguration>()["Database:ConnectionString"]!;
        var now = server.Clock.GetUtcNow();
        var label = customers == Customers ? provider : $"{provider} (warm-up)";
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var watch = Stopwatch.StartNew();
        await SeedAsync(provider, connection, customers, now, today);
        await server.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(provider == "sqlite" ? "ANALYZE" : "VACUUM ANALYZE"));
        output.WriteLine($"{label}: seeded {customers * InvoicesPerCustomer:N0} open invoices of {customers:N0} customers in {watch.Elapsed.TotalSeconds:F1} s");

        var sweep = server.Services.GetRequiredService<EscalationSweep>();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var runtime = RuntimeFigures.Now();
        watch.Restart();
        var first = await sweep.RunAsync(CancellationToken.None);
        var firstTime = watch.Elapsed;
        process.Refresh();
        var firstCpu = process.TotalProcessorTime - cpu;
        var firstRuntime = RuntimeFigures.Now() - runtime;
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        watch.Restart();
        var second = await sweep.RunAsync(CancellationToken.None);
        var secondTime = watch.Elapsed;

        output.WriteLine($"{label}: first run {firstTime.TotalSeconds:F1} s ({first.CustomersEvaluated:N0} customers evaluated in {first.Batches} batches, {first.CasesStarted:N0} cases started)");
        output.WriteLine($"{label}: first run: CPU time of this process {firstCpu.TotalSeconds:F1} s (with SQLite the database's work too), load average after "
            + $"{File.ReadAllText("/proc/loadavg").Split(' ')[0]}; runtime ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC): {firstRuntime}");
        output.WriteLine($"{label}: second run the same day {secondTime.TotalSeconds:F1} s ({second.CustomersEvaluated:N0} evaluated, {second.CasesStarted + second.LevelsRaised + second.CasesCleared} changes)");
        Assert.Equal(customers / OverdueEvery, first.CasesStarted);
        Assert.Equal(0, second.CasesStarted + second.LevelsRaised + second.CasesCleared);
        Assert.Equal(customers / OverdueEvery, await server.WithDbAsync(db => db.Set<DunningLetter>().Select(l => l.CustomerId).Distinct().CountAsync()));
    }

    private static async Task SeedAsync(string provider, string connection, int customers, DateTimeOffset now, DateOnly today)
    {
        await using var writer = BulkRows.Writer(provider, connection);
        await writer.OpenAsync();
        await SeedTables.CustomersAsync(writer, customers, CustomerId, "92", now);
        await SeedTables.InvoicesAsync(writer, Invoices(customers, today), now);
        await writer.CommitAsync();
    }

    private static IEnumerable<SeedInvoice> Invoices(int customers, DateOnly today)
    {
        for (var i = 0; i < customers; i++)
        {
            for (var n = 0; n < InvoicesPerCustomer; n++)
            {
                var due = n == 0 && i % OverdueEvery == 0 ? today.AddDays(-(1 + i / OverdueEvery % 70)) : today.AddDays(1 + (i + n) % 30);
                yield return new SeedInvoice(CustomerId(i), $"B{i}-{n}", due.AddDays(-30), due, 10_000L + (i + n) % 90_000);
            }
        }
    }

    private static Guid CustomerId(int i) => new($"00000000-0000-4000-8000-{i:D12}");
}
