using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>Concurrent units of work on one instance: one commits, the other is refused with ConcurrencyException.</summary>
public abstract class EngineConcurrencyTests(TestDatabase database) : EngineStoreTestBase(database)
{
    [Fact]
    public async Task StaleInstance_CommittedFromASecondContext_ThrowsConcurrencyException_AndWritesNothing()
    {
        Guid id;
        await using (var server = NewEngine())
        {
            await server.DeployAsync("parallel.bpmn");
            id = (await server.StartAsync("parallel")).Id;
        }

        await using var first = NewEngine();
        await using var second = NewEngine();
        var fresh = await first.ReloadAsync(id);
        var stale = await second.ReloadAsync(id);
        var loadedAt = fresh.Revision;

        fresh.Variables["decision"] = "first";
        await first.Instances.CommitAsync(CommitOf(fresh, "first"));
        stale.Variables["decision"] = "second";
        await Assert.ThrowsAsync<ConcurrencyException>(() => second.Instances.CommitAsync(CommitOf(stale, "second")));

        await using var reader = NewEngine();
        var stored = await reader.ReloadAsync(id);
        Assert.Equal("first", stored.Variables["decision"]);
        Assert.Equal(loadedAt + 1, stored.Revision);
        Assert.DoesNotContain(await reader.Instances.GetHistoryAsync(id), e => e.Detail == "second");
        Assert.Equal(2, await reader.Db.Set<WorkflowBookmarkEntity>().CountAsync(b => b.InstanceId == id));

        // The refused context is usable again: reloaded, its change goes through.
        var reloaded = await second.ReloadAsync(id);
        reloaded.Variables["decision"] = "second";
        await second.Instances.CommitAsync(CommitOf(reloaded, "second"));
        Assert.Equal("second", (await reader.ReloadAsync(id)).Variables["decision"]);
    }

    [Fact]
    public async Task TwoUnitsOfWork_CommittingOneInstanceAtOnce_OneWins_TheOtherGetsConcurrencyException()
    {
        Guid id;
        await using (var server = NewEngine())
        {
            await server.DeployAsync("parallel.bpmn");
            id = (await server.StartAsync("parallel")).Id;
        }

        var gate = new CommitGate(2);
        await using var first = NewEngine(store => new HookedInstanceStore(store) { BeforeCommit = _ => gate.ArriveAsync() });
        await using var second = NewEngine(store => new HookedInstanceStore(store) { BeforeCommit = _ => gate.ArriveAsync() });
        var a = await first.ReloadAsync(id);
        var b = await second.ReloadAsync(id);
        a.Variables["decision"] = "a";
        b.Variables["decision"] = "b";

        var outcomes = await Task.WhenAll(
            OutcomeAsync(() => first.Engine.Options.Instances.CommitAsync(CommitOf(a, "a"))),
            OutcomeAsync(() => second.Engine.Options.Instances.CommitAsync(CommitOf(b, "b"))));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<ConcurrencyException>(Assert.Single(outcomes, o => o is not null));
        await using var reader = NewEngine();
        var winner = outcomes[0] is null ? "a" : "b";
        Assert.Equal(winner, (await reader.ReloadAsync(id)).Variables["decision"]);
        Assert.Equal([winner], (await reader.Instances.GetHistoryAsync(id)).Where(e => e.Event == "test").Select(e => e.Detail));
        Assert.Equal(2, await reader.Db.Set<WorkflowBookmarkEntity>().CountAsync(b => b.InstanceId == id));
    }

    [Fact]
    public async Task TwoCompletionsOfOneTaskAtOnce_ExactlyOneSucceeds()
    {
        Guid id;
        string taskId;
        await using (var server = NewEngine())
        {
            await server.DeployAsync("parallel.bpmn");
            id = (await server.StartAsync("parallel")).Id;
            taskId = (await server.OpenTaskAsync(id, "taskA")).Id;
        }

        var gate = new CommitGate(2);
        await using var first = NewEngine(store => new HookedInstanceStore(store) { BeforeCommit = _ => gate.ArriveAsync() });
        await using var second = NewEngine(store => new HookedInstanceStore(store) { BeforeCommit = _ => gate.ArriveAsync() });

        var outcomes = await Task.WhenAll(
            OutcomeAsync(() => first.Engine.CompleteTaskAsync(taskId, actor: "ana")),
            OutcomeAsync(() => second.Engine.CompleteTaskAsync(taskId, actor: "ben")));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<ConcurrencyException>(Assert.Single(outcomes, o => o is not null));
        await using var reader = NewEngine();
        var task = (await reader.Instances.FindTaskAsync(taskId))!;
        Assert.Equal(UserTaskStatus.Completed, task.Status);
        Assert.Equal(outcomes[0] is null ? "ana" : "ben", task.EndedBy);
        Assert.Single(await reader.CompletedPathAsync(id), e => e == "taskA");
        Assert.Equal("taskB", Assert.Single(await reader.OpenTasksAsync(id)).ElementId);
        await Assert.ThrowsAsync<TaskAlreadyEndedException>(() => reader.Engine.CompleteTaskAsync(taskId));
    }

    [Fact]
    public async Task TwoCompletionsOfDifferentTasksAtOnce_TheLoserRetries_AndTheJoinSeesBoth()
    {
        Guid id;
        await using (var server = NewEngine())
        {
            await server.DeployAsync("parallel.bpmn");
            id = (await server.StartAsync("parallel")).Id;
        }

        var gate = new CommitGate(2);
        await using var first = NewEngine(store => new HookedInstanceStore(store) { BeforeCommit = _ => gate.ArriveAsync() });
        await using var second = NewEngine(store => new HookedInstanceStore(store) { BeforeCommit = _ => gate.ArriveAsync() });
        var taskA = (await first.OpenTaskAsync(id, "taskA")).Id;
        var taskB = (await second.OpenTaskAsync(id, "taskB")).Id;

        var outcomes = await Task.WhenAll(
            OutcomeAsync(() => first.Engine.CompleteTaskAsync(taskA)),
            OutcomeAsync(() => second.Engine.CompleteTaskAsync(taskB)));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<ConcurrencyException>(Assert.Single(outcomes, o => o is not null));
        await using var retry = NewEngine();
        var instance = await retry.Engine.CompleteTaskAsync(outcomes[0] is null ? taskB : taskA);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Single(await retry.CompletedPathAsync(id), e => e == "join");
    }

    [Fact]
    public async Task TimerSweepAndMessageAtOnce_OnAnEventGateway_ExactlyOneBranchIsTaken()
    {
        // A year before the other tests' clocks, so the sweep finds this instance's timer alone.
        var clock = new ManualClock(T0.AddYears(-1));
        var (key, message) = (Unique("race"), Unique("docs"));
        var xml = RepositoryFiles.ReadRuntimeBpmn("event-race.bpmn")
            .Replace("id=\"eventRace\"", $"id=\"{key}\"").Replace("name=\"documentsReceived\"", $"name=\"{message}\"");
        Guid id;
        await using (var server = NewEngine(clock: clock))
        {
            await server.Engine.DeployAsync(xml);
            id = (await server.StartAsync(key)).Id;
        }

        clock.Advance(TimeSpan.FromDays(15));
        var gate = new CommitGate(2);
        await using var sweeper = NewEngine(store => new HookedInstanceStore(store) { BeforeCommit = _ => gate.ArriveAsync() }, clock);
        await using var receiver = NewEngine(store => new HookedInstanceStore(store) { BeforeCommit = _ => gate.ArriveAsync() }, clock);
        var sweep = sweeper.Engine.RunDueJobsAsync();
        var correlation = receiver.Engine.CorrelateMessageAsync(message);
        var fired = await sweep; // a sweep that loses the race skips the bookmark, it does not fail
        var correlated = await correlation; // a message that loses it reads the instance again and finds it no longer waits

        var path = await receiver.CompletedPathAsync(id);
        if (fired == 0)
        {
            Assert.Equal([id], correlated.ResumedInstances);
            Assert.Contains("docsArrived", path);
            Assert.DoesNotContain("timeout", path);
        }
        else
        {
            Assert.Equal(1, fired);
            Assert.Empty(correlated.ResumedInstances);
            Assert.Contains("timeout", path);
            Assert.DoesNotContain("docsArrived", path);
        }
    }
}

public sealed class SqliteEngineConcurrencyTests(SqliteTestDatabase database)
    : EngineConcurrencyTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlEngineConcurrencyTests(PostgreSqlTestDatabase database)
    : EngineConcurrencyTests(database), IClassFixture<PostgreSqlTestDatabase>;
