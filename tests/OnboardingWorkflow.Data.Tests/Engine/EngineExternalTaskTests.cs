using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>
/// External tasks on the EF stores: fetch-and-lock writes the lock columns of the bookmark row
/// only, a lock expires, and a worker's report commits from any server. Each test deploys the
/// fixture under topics of its own, since the tests of a class share one database.
/// </summary>
public abstract class EngineExternalTaskTests(TestDatabase database) : EngineStoreTestBase(database)
{
    protected static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>Deploys the external-task fixture with its topics renamed for this test; returns the bureau topic.</summary>
    internal static async Task<string> DeployAsync(EfEngine server)
    {
        var topic = Unique("bureau");
        var xml = RepositoryFiles.ReadRuntimeBpmn("external-tasks.bpmn")
            .Replace("camunda:topic=\"credit-bureau\"", $"camunda:topic=\"{topic}\"", StringComparison.Ordinal)
            .Replace("camunda:topic=\"erp\"", $"camunda:topic=\"{topic}-erp\"", StringComparison.Ordinal);
        await server.Engine.DeployAsync(xml, "external-tasks.bpmn");
        return topic;
    }

    protected static FetchAndLockRequest Fetch(string worker, string topic, int max = 10, TimeSpan? lockFor = null) =>
        new(worker, max, [new ExternalTaskTopicRequest(topic, lockFor ?? 5 * Minute)]);

    private static Dictionary<string, object?> Score(int score) => new() { ["bureauScore"] = score };

    private static async Task<List<Guid>> StartAsync(EfEngine server, int count, int priority = 0)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await server.StartAsync("bureauCheck", new Dictionary<string, object?> { ["priority"] = priority, ["applicant"] = $"A{i}" }, $"APP-{i}")).Id);
        }

        return ids;
    }

    [Fact]
    public async Task FetchAndLock_LocksTheBookmarkRowsOnly_AndASecondFetchGetsTheOtherTasks()
    {
        await using var server = NewEngine();
        var topic = await DeployAsync(server);
        var ids = await StartAsync(server, 3);
        var revisions = new List<long>();
        foreach (var id in ids)
        {
            revisions.Add((await server.ReloadAsync(id)).Revision);
        }

        await using var first = NewEngine();
        await using var second = NewEngine();
        var two = await first.Engine.FetchAndLockAsync(Fetch("worker-1", topic, max: 2));
        var rest = await second.Engine.FetchAndLockAsync(Fetch("worker-2", topic));

        Assert.Equal(2, two.Count);
        Assert.Equal(ids.Order(), two.Concat(rest).Select(t => t.InstanceId).Order());
        Assert.Equal("A" + ids.IndexOf(rest.Single().InstanceId), rest.Single().Variables["applicant"]);
        Assert.Empty(await second.Engine.FetchAndLockAsync(Fetch("worker-2", topic)));
        await using var reader = NewEngine();
        var rows = await reader.Db.Set<WorkflowBookmarkEntity>().AsNoTracking().Where(b => b.Topic == topic).ToListAsync();
        Assert.Equal(3, rows.Count);
        Assert.Equal(2, rows.Count(r => r.LockOwner == "worker-1" && r.LockExpiresAt == T0 + 5 * Minute));
        var after = new List<long>();
        foreach (var id in ids)
        {
            after.Add((await reader.ReloadAsync(id)).Revision);
        }

        Assert.Equal(revisions, after);
    }

    [Fact]
    public async Task AnExpiredLock_IsReleased_ToTheNextFetch()
    {
        await using var server = NewEngine();
        var topic = await DeployAsync(server);
        await StartAsync(server, 1);
        var held = Assert.Single(await server.Engine.FetchAndLockAsync(Fetch("worker-1", topic, lockFor: Minute)));

        await using var other = NewEngine();
        Assert.Empty(await other.Engine.FetchAndLockAsync(Fetch("worker-2", topic)));
        Clock.Advance(Minute);
        var taken = Assert.Single(await other.Engine.FetchAndLockAsync(Fetch("worker-2", topic)));

        Assert.Equal(held.Id, taken.Id);
        await Assert.ThrowsAsync<ExternalTaskLockException>(() => server.Engine.CompleteExternalTaskAsync(held.Id, "worker-1", Score(1)));
    }

    [Fact]
    public async Task ACompletion_FromAnotherServer_MovesTheInstanceOn_AndAFailureWithoutRetriesWaitsForAnAdmin()
    {
        Guid id;
        string topic;
        LockedExternalTask task;
        await using (var server = NewEngine())
        {
            topic = await DeployAsync(server);
            id = (await StartAsync(server, 1)).Single();
            task = Assert.Single(await server.Engine.FetchAndLockAsync(Fetch("worker-1", topic)));
        }

        await using (var other = NewEngine())
        {
            var instance = await other.Engine.CompleteExternalTaskAsync(task.Id, "worker-1", Score(612), actor: "svc-bureau");
            Assert.Equal(612m, instance.Variables["bureauScore"]);
        }

        await using var third = NewEngine();
        var erp = Assert.Single(await third.Engine.FetchAndLockAsync(Fetch("erp-1", topic + "-erp")));
        Assert.Equal((id, "updateErp"), (erp.InstanceId, erp.ActivityId));
        var failed = await third.Engine.HandleExternalTaskFailureAsync(erp.Id, "erp-1", "ERP down", "503", retries: 0, retryTimeout: TimeSpan.Zero);
        var incident = Assert.Single(failed.Incidents);
        var row = await third.Db.Set<WorkflowBookmarkEntity>().AsNoTracking().SingleAsync(b => b.Id == erp.Id);
        Assert.Equal((0, null), (row.Retries, row.LockOwner));
        Assert.Empty(await third.Engine.FetchAndLockAsync(Fetch("erp-2", topic + "-erp")));

        await using var admin = NewEngine();
        await admin.Engine.RetryAsync(id, incident.Id, actor: "admin");
        var again = Assert.Single(await admin.Engine.FetchAndLockAsync(Fetch("erp-2", topic + "-erp")));
        await admin.Engine.CompleteExternalTaskAsync(again.Id, "erp-2", null);
        Assert.Equal(InstanceStatus.Completed, (await admin.ReloadAsync(id)).Status);
    }

    [Fact]
    public async Task AWorkersReport_IsRefusedAtCommit_WhenItsLockIsNoLongerHeld()
    {
        await using var server = NewEngine();
        var topic = await DeployAsync(server);
        var id = (await StartAsync(server, 1)).Single();
        var task = Assert.Single(await server.Engine.FetchAndLockAsync(Fetch("worker-1", topic)));

        await using var late = NewEngine();
        var instance = await late.ReloadAsync(id);
        var commit = CommitOf(instance, "late report");
        commit.ExternalTaskLockGuards.Add((task.Id, "worker-2", T0));
        await Assert.ThrowsAsync<ConcurrencyException>(() => late.Instances.CommitAsync(commit));
        var expired = CommitOf(await late.ReloadAsync(id), "after expiry");
        expired.ExternalTaskLockGuards.Add((task.Id, "worker-1", T0 + 5 * Minute));
        await Assert.ThrowsAsync<ConcurrencyException>(() => late.Instances.CommitAsync(expired));

        var held = CommitOf(await late.ReloadAsync(id), "in time");
        held.ExternalTaskLockGuards.Add((task.Id, "worker-1", T0 + Minute));
        await late.Instances.CommitAsync(held);
    }

    [Fact]
    public async Task AnInstanceWrittenByAStoreThatDidNotLoadIt_KeepsTheLocksOfItsExternalTasks()
    {
        await using var server = NewEngine();
        var topic = await DeployAsync(server);
        var id = (await StartAsync(server, 1)).Single();
        var task = Assert.Single(await server.Engine.FetchAndLockAsync(Fetch("worker-1", topic)));

        await using var loader = NewEngine();
        await using var writer = NewEngine();
        var instance = await loader.ReloadAsync(id);
        instance.Variables["note"] = "written elsewhere";
        await writer.Instances.CommitAsync(CommitOf(instance, "replace"));

        var row = await writer.Db.Set<WorkflowBookmarkEntity>().AsNoTracking().SingleAsync(b => b.Id == task.Id);
        Assert.Equal(("worker-1", T0 + 5 * Minute, topic), (row.LockOwner, row.LockExpiresAt, row.Topic));
        Assert.Empty(await writer.Engine.FetchAndLockAsync(Fetch("worker-2", topic)));
    }

    [Fact]
    public async Task FetchingByPriority_TakesTheHighestFirst()
    {
        await using var server = NewEngine();
        var topic = await DeployAsync(server);
        var low = (await StartAsync(server, 1, priority: 1)).Single();
        var high = (await StartAsync(server, 1, priority: 50)).Single();

        var fetched = await server.Engine.FetchAndLockAsync(new FetchAndLockRequest("worker-1", 1, [new ExternalTaskTopicRequest(topic, Minute)], UsePriority: true));

        Assert.Equal(high, Assert.Single(fetched).InstanceId);
        Assert.Equal(low, Assert.Single(await server.Engine.FetchAndLockAsync(Fetch("worker-1", topic))).InstanceId);
    }
}

public sealed class SqliteEngineExternalTaskTests(SqliteTestDatabase database)
    : EngineExternalTaskTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlEngineExternalTaskTests(PostgreSqlTestDatabase database)
    : EngineExternalTaskTests(database), IClassFixture<PostgreSqlTestDatabase>
{
    /// <summary>
    /// Several servers fetching at once over one database, each on its own connection: every task
    /// is locked by exactly one of them, none twice (FOR UPDATE SKIP LOCKED).
    /// </summary>
    [Fact]
    public async Task ConcurrentFetchers_OnSeparateConnections_LockEveryTaskExactlyOnce()
    {
        const int tasks = 60;
        const int fetchers = 4;
        string topic;
        await using (var server = NewEngine())
        {
            topic = await DeployAsync(server);
            for (var i = 0; i < tasks; i++)
            {
                await server.StartAsync("bureauCheck", new Dictionary<string, object?> { ["priority"] = i % 3 }, $"APP-{i}");
            }
        }

        var engines = Enumerable.Range(0, fetchers).Select(_ => NewEngine()).ToList();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = engines.Select((engine, n) => Task.Run(async () =>
            {
                await start.Task;
                var mine = new List<string>();
                while (true)
                {
                    var batch = await engine.Engine.FetchAndLockAsync(new FetchAndLockRequest($"worker-{n}", 3, [new ExternalTaskTopicRequest(topic, 10 * Minute)], UsePriority: n % 2 == 0));
                    if (batch.Count == 0)
                    {
                        return mine;
                    }

                    mine.AddRange(batch.Select(t => t.Id));
                }
            })).ToList();
            start.SetResult();
            var results = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(2));

            var all = results.SelectMany(r => r).ToList();
            Assert.Equal(tasks, all.Count);
            Assert.Equal(tasks, all.Distinct().Count());
            await using var reader = NewEngine();
            var owners = await reader.Db.Set<WorkflowBookmarkEntity>().AsNoTracking().Where(b => b.Topic == topic).ToDictionaryAsync(b => b.Id, b => b.LockOwner);
            Assert.Equal(tasks, owners.Count);
            for (var n = 0; n < fetchers; n++)
            {
                Assert.All(results[n], id => Assert.Equal($"worker-{n}", owners[id]));
            }
        }
        finally
        {
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
    }
}
