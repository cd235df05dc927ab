using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Time;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>
/// Async jobs on the EF stores: a failed try keeps nothing, its retries live in the instance state
/// and the bookmark table holds the next try. Each test runs at a clock of its own and leaves no
/// job due, since the tests of the class share a database and a sweep runs whatever is due.
/// </summary>
public abstract class EngineJobTests(TestDatabase database) : EngineStoreTestBase(database)
{
    [Fact]
    public async Task FailingJob_ItsRetriesSurviveANewContext_AndTheBookmarkTableHoldsTheNextTry()
    {
        var clock = new ManualClock(T0.AddYears(-3));
        var t0 = clock.GetUtcNow();
        Guid id;
        await using (var server = NewEngine(clock: clock))
        {
            await server.DeployAsync("async-retry.bpmn");
            id = (await server.StartAsync("scriptRetry", new() { ["amount"] = 250 })).Id;
            await server.Engine.RunDueJobsAsync();
        }

        await using (var restarted = NewEngine(clock: clock))
        {
            var stored = await restarted.ReloadAsync(id);
            var job = Assert.Single(stored.Bookmarks);
            Assert.Equal((BookmarkKind.Job, "prepare", 2, 1, t0.AddMinutes(10)), (job.Kind, job.ElementId, job.Retries, job.FailedAttempts, job.DueAt));
            Assert.Equal("ExpressionFailed: card declined for 250 (failed at 'charge')", job.LastError);
            Assert.DoesNotContain("prepared", stored.Variables.Keys);
            Assert.DoesNotContain("charged", stored.Variables.Keys);
            var row = await restarted.Db.Set<WorkflowBookmarkEntity>().AsNoTracking().SingleAsync(b => b.InstanceId == id);
            Assert.Equal(("Job", "prepare", (DateTimeOffset?)t0.AddMinutes(10)), (row.Kind, row.ElementId, row.DueAt));
            Assert.StartsWith("attempt 1 of 3 failed at 'charge'", Assert.Single(await FailuresAsync(restarted, id)).Detail);

            await restarted.AdvanceAsync(TimeSpan.FromMinutes(10));
        }

        await using (var again = NewEngine(clock: clock))
        {
            var job = Assert.Single((await again.ReloadAsync(id)).Bookmarks);
            Assert.Equal((1, 2, t0.AddMinutes(20)), (job.Retries, job.FailedAttempts, job.DueAt));
            await again.AdvanceAsync(TimeSpan.FromMinutes(10));
        }

        await using var reader = NewEngine(clock: clock);
        var spent = await reader.ReloadAsync(id);
        var incident = Assert.Single(spent.Incidents);
        Assert.Equal(("prepare", IncidentCodes.ExpressionFailed), (incident.ElementId, incident.Code));
        Assert.Equal((0, 3, (DateTimeOffset?)null), (spent.Bookmarks[0].Retries, spent.Bookmarks[0].FailedAttempts, spent.Bookmarks[0].DueAt));
        Assert.Null((await reader.Db.Set<WorkflowBookmarkEntity>().AsNoTracking().SingleAsync(b => b.InstanceId == id)).DueAt);
        Assert.Equal(1, (await reader.Db.Set<WorkflowInstanceEntity>().AsNoTracking().SingleAsync(i => i.Id == id)).OpenIncidents);
        Assert.Equal([t0, t0.AddMinutes(10), t0.AddMinutes(20)], (await FailuresAsync(reader, id)).Select(e => e.Time));

        // An administrator's retry: fresh retries, tried at once (and failing again here), stored as such.
        clock.Advance(TimeSpan.FromHours(1));
        await reader.Engine.RetryAsync(id, incident.Id, "operator");
        await using (var after = NewEngine(clock: clock))
        {
            var job = Assert.Single((await after.ReloadAsync(id)).Bookmarks);
            Assert.Equal((2, 1, clock.GetUtcNow().AddMinutes(10)), (job.Retries, job.FailedAttempts, job.DueAt));
            Assert.Empty((await after.ReloadAsync(id)).Incidents);
            Assert.Equal(4, (await FailuresAsync(after, id)).Count);
            await after.Engine.TerminateAsync(id, "test done"); // leaves no job due for the other tests
        }
    }

    [Fact]
    public async Task FailedTry_SavesNothingItsHandlerAddedToTheContext_TheNextTryCommitsItsOwn()
    {
        var clock = new ManualClock(T0.AddYears(-2));
        var calls = 0;
        var handlers = new HandlerRegistry();
        await using var server = new EfEngine(Database, clock, handlers);
        handlers.Register("creditBureau", context =>
        {
            calls++;
            server.Db.Add(new NegativeListEntry { Id = Guid.NewGuid(), Name = $"{context.InstanceId} try {calls}", Reason = "bureau hit", AddedBy = "bureau" });
            context.Result = calls == 1 ? throw new TimeoutException("the bureau did not answer") : "C";
        });
        await server.DeployAsync("async-retry.bpmn");
        var id = (await server.StartAsync("handlerRetry")).Id;

        await server.Engine.RunDueJobsAsync();
        await server.AdvanceAsync(TimeSpan.FromMinutes(5));

        await using var reader = NewEngine(clock: clock);
        var names = await reader.Db.Set<NegativeListEntry>().Where(e => e.Name!.StartsWith(id.ToString())).Select(e => e.Name).ToListAsync();
        Assert.Equal([$"{id} try 2"], names);
        var stored = await reader.ReloadAsync(id);
        Assert.Equal("C", stored.Variables["rating"]);
        Assert.DoesNotContain(stored.Bookmarks, b => b.Kind == BookmarkKind.Job);
        Assert.Equal("assess", (await reader.OpenTaskAsync(id, "assess")).ElementId);
        Assert.Single(await FailuresAsync(reader, id));
    }

    [Fact]
    public async Task TwoServersRunTheSameJobAtOnce_OneRunsIt_AndTheOthersConflictIsNoFailure()
    {
        var clock = new ManualClock(T0.AddYears(-1));
        Guid id;
        await using (var server = NewEngine(clock: clock))
        {
            await server.DeployAsync("async-after.bpmn");
            id = (await server.StartAsync("asyncAfter", new() { ["amount"] = 500 })).Id;
        }

        // Both fire it (no claims, as when one expired), and both commits are held until the other arrives: the revision decides.
        var gate = new CommitGate(2);
        await using var first = NewEngine(store => new HookedInstanceStore(store) { BeforeCommit = _ => gate.ArriveAsync(), WithoutClaims = true }, clock);
        await using var second = NewEngine(store => new HookedInstanceStore(store) { BeforeCommit = _ => gate.ArriveAsync(), WithoutClaims = true }, clock);
        var fired = await Task.WhenAll(first.Engine.RunDueJobsAsync(), second.Engine.RunDueJobsAsync());

        Assert.Equal([0, 1], fired.Order());
        await using var reader = NewEngine(clock: clock);
        var stored = await reader.ReloadAsync(id);
        Assert.Equal("review", (await reader.OpenTaskAsync(id, "review")).ElementId);
        Assert.DoesNotContain(stored.Bookmarks, b => b.Kind == BookmarkKind.Job);
        Assert.Empty(await FailuresAsync(reader, id));
        Assert.Equal(["start"], await reader.CompletedPathAsync(id));
        Assert.Equal(1, (await reader.Instances.GetHistoryAsync(id)).Count(e => e.Event == HistoryEventTypes.Activated && e.ElementId == "review"));
    }

    [Fact]
    public async Task TwoSweepsAtOnce_OverManyDueJobs_RunEachJobsHandlerOnce()
    {
        const int instances = 30;
        var clock = new ManualClock(T0.AddYears(-4));
        var calls = new System.Collections.Concurrent.ConcurrentDictionary<Guid, int>();
        HandlerRegistry Counting() => new HandlerRegistry().Register("creditBureau", context =>
        {
            calls.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
            context.Result = "B";
        });
        var ids = new List<Guid>();
        await using (var server = NewEngine(clock: clock))
        {
            await server.DeployAsync("async-retry.bpmn");
            for (var i = 0; i < instances; i++)
            {
                ids.Add((await server.StartAsync("handlerRetry")).Id);
            }
        }

        await using var first = new EfEngine(Database, clock, Counting());
        await using var second = new EfEngine(Database, clock, Counting());
        var fired = await Task.WhenAll(Task.Run(() => first.Engine.RunDueJobsAsync(batchSize: 5)), Task.Run(() => second.Engine.RunDueJobsAsync(batchSize: 5)));

        Assert.Equal(instances, fired.Sum());
        Assert.All(ids, id => Assert.Equal(1, calls.GetValueOrDefault(id)));
        await using var reader = NewEngine(clock: clock);
        Assert.Equal(0, await reader.Db.Set<WorkflowBookmarkEntity>().CountAsync(b => ids.Contains(b.InstanceId) && (b.Kind == "Job" || b.LockOwner != null)));
    }

    private static async Task<List<HistoryEvent>> FailuresAsync(EfEngine engine, Guid id) =>
        (await engine.Instances.GetHistoryAsync(id)).Where(e => e.Event == HistoryEventTypes.JobFailed).ToList();
}

public sealed class SqliteEngineJobTests(SqliteTestDatabase database)
    : EngineJobTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlEngineJobTests(PostgreSqlTestDatabase database)
    : EngineJobTests(database), IClassFixture<PostgreSqlTestDatabase>;
