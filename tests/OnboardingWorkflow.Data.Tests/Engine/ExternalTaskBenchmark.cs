using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Testing;
using Xunit.Abstractions;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>
/// Fetch-and-lock and completion throughput of external tasks: N waiting tasks (2,000 unless
/// OWF_BENCHMARK_EXTERNAL_TASKS says otherwise) locked by one fetcher, then again by four fetchers
/// on their own connections at once (50 a fetch), then completed by those four workers. A
/// measurement (see BENCHMARKS.md), skipped unless OWF_BENCHMARK=1.
/// </summary>
[Trait("Category", "Benchmark")]
public abstract class ExternalTaskBenchmark(TestDatabase database, ITestOutputHelper output) : EngineStoreTestBase(database)
{
    private static readonly int Tasks = int.TryParse(Environment.GetEnvironmentVariable("OWF_BENCHMARK_EXTERNAL_TASKS"), out var n) && n > 0 ? n : 2000;

    [BenchmarkFact]
    public async Task Fetch_lock_and_complete()
    {
        string topic;
        var watch = Stopwatch.StartNew();
        await using (var server = NewEngine())
        {
            topic = await EngineExternalTaskTests.DeployAsync(server);
            for (var i = 0; i < Tasks; i++)
            {
                await server.StartAsync("bureauCheck", new Dictionary<string, object?> { ["priority"] = i % 5, ["applicant"] = $"A{i}" }, $"APP-{i}");
            }
        }

        output.WriteLine($"{Database.Provider}: {Tasks} instances started in {watch.Elapsed.TotalSeconds:F1} s");

        await using (var single = NewEngine())
        {
            watch.Restart();
            var (locked, calls) = await FetchAllAsync(single, "solo", topic);
            Report("1 fetcher", locked.Count, calls, watch.Elapsed);
            Assert.Equal(Tasks, locked.Count);
            await single.Db.Set<WorkflowBookmarkEntity>().Where(b => b.Topic == topic).ExecuteUpdateAsync(u => u.SetProperty(b => b.LockOwner, (string?)null).SetProperty(b => b.LockExpiresAt, (DateTimeOffset?)null));
        }

        var engines = Enumerable.Range(0, 4).Select(_ => NewEngine()).ToList();
        try
        {
            watch.Restart();
            var results = await Task.WhenAll(engines.Select((engine, i) => Task.Run(() => FetchAllAsync(engine, $"worker-{i}", topic))));
            Report("4 fetchers at once", results.Sum(r => r.Locked.Count), results.Sum(r => r.Calls), watch.Elapsed);
            Assert.Equal(Tasks, results.SelectMany(r => r.Locked).Distinct().Count());

            watch.Restart();
            await Task.WhenAll(engines.Select((engine, i) => Task.Run(async () =>
            {
                foreach (var id in results[i].Locked)
                {
                    await engine.Engine.CompleteExternalTaskAsync(id, $"worker-{i}", new Dictionary<string, object?> { ["bureauScore"] = 500 });
                }
            })));
            output.WriteLine($"{Database.Provider}: 4 workers completed {Tasks} tasks in {watch.Elapsed.TotalSeconds:F2} s ({Tasks / watch.Elapsed.TotalSeconds:F0}/s)");
        }
        finally
        {
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
    }

    private static async Task<(List<string> Locked, int Calls)> FetchAllAsync(EfEngine engine, string worker, string topic)
    {
        var locked = new List<string>();
        var calls = 0;
        while (true)
        {
            calls++;
            var batch = await engine.Engine.FetchAndLockAsync(new FetchAndLockRequest(worker, 50, [new ExternalTaskTopicRequest(topic, TimeSpan.FromHours(1))], UsePriority: true));
            if (batch.Count == 0)
            {
                return (locked, calls);
            }

            locked.AddRange(batch.Select(t => t.Id));
        }
    }

    private void Report(string what, int locked, int calls, TimeSpan elapsed) =>
        output.WriteLine($"{Database.Provider}: {what}: {locked} tasks locked in {calls} fetches, {elapsed.TotalSeconds:F2} s ({locked / elapsed.TotalSeconds:F0} tasks/s, {elapsed.TotalMilliseconds / calls:F1} ms a fetch)");
}

public sealed class SqliteExternalTaskBenchmark(SqliteTestDatabase database, ITestOutputHelper output)
    : ExternalTaskBenchmark(database, output), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlExternalTaskBenchmark(PostgreSqlTestDatabase database, ITestOutputHelper output)
    : ExternalTaskBenchmark(database, output), IClassFixture<PostgreSqlTestDatabase>;
