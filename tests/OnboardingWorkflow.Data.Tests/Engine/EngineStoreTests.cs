using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>
/// The engine on the EF stores, against a real database of each provider: flows run to their
/// end, concurrent units of work are refused, and the queries the sweeps and the task list
/// need answer from columns. The tests of a class share one database, so each test filters
/// what it reads to its own instances.
/// </summary>
public abstract class EngineStoreTests(TestDatabase database)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(T0);

    private EfEngine NewEngine(Func<IInstanceStore, IInstanceStore>? wrapStore = null, ManualClock? clock = null) =>
        new(database, clock ?? _clock, wrapStore: wrapStore);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    // ---- definitions

    [Fact]
    public async Task Deploy_SameXmlKeepsTheVersion_ChangedXmlAddsOne_AndEveryVersionStaysReadable()
    {
        await using var server = NewEngine();
        var key = Unique("deploy");
        var xml = RepositoryFiles.ReadRuntimeBpmn("exclusive-join.bpmn").Replace("id=\"exclusiveJoin\"", $"id=\"{key}\"");

        var first = Assert.Single((await server.Engine.DeployAsync(xml)).Processes);
        var again = Assert.Single((await server.Engine.DeployAsync(xml)).Processes);
        var changed = Assert.Single((await server.Engine.DeployAsync(xml + "<!-- v2 -->")).Processes);

        Assert.Equal((1, true), (first.Version, first.IsNewVersion));
        Assert.Equal((1, false), (again.Version, again.IsNewVersion));
        Assert.Equal((2, true), (changed.Version, changed.IsNewVersion));
        await using var other = NewEngine();
        Assert.Equal(2, (await other.Definitions.FindLatestAsync(key))!.Version);
        Assert.Equal(xml, (await other.Definitions.FindAsync(key, 1))!.Xml);
        Assert.Equal(2, Assert.Single(await other.Definitions.ListLatestAsync(), d => d.Key == key).Version);
        var duplicate = new DeployedDefinition(key, 2, null, xml, "other-hash", T0, null);
        await Assert.ThrowsAsync<ConcurrencyException>(() => other.Definitions.AddAsync(duplicate));
    }

    // ---- running flows

    [Fact]
    public async Task Flow_StartedAndCompleted_TakesTheExpectedPath_AndIsStored()
    {
        await using var server = NewEngine();
        await server.DeployAsync("exclusive-join.bpmn");

        var instance = await server.StartAsync("exclusiveJoin", new() { ["amount"] = 5000, ["visits"] = 0 });
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        var task = await server.OpenTaskAsync(instance.Id, "large");
        Assert.Equal(["manager"], task.CandidateGroups);
        instance = await server.Engine.CompleteTaskAsync(task.Id, actor: "maria");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        await using var reader = NewEngine();
        Assert.Equal(["start", "classify", "split", "large", "join", "after", "end"], await reader.CompletedPathAsync(instance.Id));
        var stored = await reader.ReloadAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, stored.Status);
        Assert.Equal("large", stored.Variables["band"]);
        Assert.Equal(1d, stored.Variables["visits"]);
        Assert.Empty(stored.Bookmarks);
        var ended = (await reader.Instances.FindTaskAsync(task.Id))!;
        Assert.Equal((UserTaskStatus.Completed, "maria", (DateTimeOffset?)T0), (ended.Status, ended.EndedBy, ended.EndedAt));
        Assert.Empty(await reader.OpenTasksAsync(instance.Id));
    }

    [Fact]
    public async Task ParallelFlow_WaitsForBothTasks_ThenCompletes()
    {
        await using var server = NewEngine();
        await server.DeployAsync("parallel.bpmn");
        var instance = await server.StartAsync("parallel");
        Assert.Equal(["taskA", "taskB"], (await server.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order());

        instance = await server.CompleteAsync(instance.Id, "taskB");
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        instance = await server.CompleteAsync(instance.Id, "taskA");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var path = await server.CompletedPathAsync(instance.Id);
        Assert.Equal(["start", "fork"], path.Take(2));
        Assert.Equal(["taskA", "taskB"], path.Where(e => e.StartsWith("task", StringComparison.Ordinal)).Order());
        Assert.Equal(["join", "end"], path.TakeLast(2));
        Assert.Contains("autoC", path);
    }

    // ---- concurrency

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
        await using var first = NewEngine(store => new GatedInstanceStore(store, gate));
        await using var second = NewEngine(store => new GatedInstanceStore(store, gate));
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
        await using var first = NewEngine(store => new GatedInstanceStore(store, gate));
        await using var second = NewEngine(store => new GatedInstanceStore(store, gate));

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
        await using var first = NewEngine(store => new GatedInstanceStore(store, gate));
        await using var second = NewEngine(store => new GatedInstanceStore(store, gate));
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
        await using var sweeper = NewEngine(store => new GatedInstanceStore(store, gate), clock);
        await using var receiver = NewEngine(store => new GatedInstanceStore(store, gate), clock);
        var sweep = sweeper.Engine.RunDueJobsAsync();
        var correlation = OutcomeAsync(() => receiver.Engine.CorrelateMessageAsync(message));
        var fired = await sweep; // a sweep that loses the race skips the bookmark, it does not fail
        var correlationError = await correlation;

        var path = await receiver.CompletedPathAsync(id);
        if (correlationError is null)
        {
            Assert.Equal(0, fired);
            Assert.Contains("docsArrived", path);
            Assert.DoesNotContain("timeout", path);
        }
        else
        {
            Assert.IsType<ConcurrencyException>(correlationError);
            Assert.Equal(1, fired);
            Assert.Contains("timeout", path);
            Assert.DoesNotContain("docsArrived", path);
        }
    }

    // ---- queries

    [Fact]
    public async Task FindDue_ReturnsOnlyBookmarksDueAtOrBeforeTheTime_EarliestFirst()
    {
        await using var server = NewEngine();
        await server.DeployAsync("event-race.bpmn");
        var early = (await server.StartAsync("eventRace")).Id;
        _clock.Advance(TimeSpan.FromDays(5));
        var late = (await server.StartAsync("eventRace")).Id;
        var earlyDue = T0.AddDays(14);
        var lateDue = T0.AddDays(19);

        var beforeEither = await server.Instances.FindDueAsync(earlyDue.AddSeconds(-1), 1000);
        var atEarly = await server.Instances.FindDueAsync(earlyDue, 1000);
        var afterBoth = await server.Instances.FindDueAsync(lateDue.AddDays(1), 1000);

        Assert.DoesNotContain(beforeEither, r => r.InstanceId == early || r.InstanceId == late);
        Assert.Equal([earlyDue], atEarly.Where(r => r.InstanceId == early).Select(r => r.DueAt));
        Assert.DoesNotContain(atEarly, r => r.InstanceId == late);
        Assert.All(atEarly, r => Assert.True(r.DueAt <= earlyDue, $"{r.DueAt} is after {earlyDue}"));
        Assert.Equal([earlyDue, lateDue], afterBoth.Where(r => r.InstanceId == early || r.InstanceId == late).Select(r => r.DueAt));
        Assert.Equal(afterBoth.Select(r => r.DueAt).Order(), afterBoth.Select(r => r.DueAt));
        Assert.Single(await server.Instances.FindDueAsync(lateDue.AddDays(1), 1));

        _clock.AdvanceTo(T0.AddDays(15));
        await server.Engine.RunDueJobsAsync();
        Assert.Equal(["start", "race", "timeout", "withdraw", "withdrawn"], await server.CompletedPathAsync(early));
        Assert.Equal(InstanceStatus.Waiting, (await server.ReloadAsync(late)).Status);
        Assert.DoesNotContain(await server.Instances.FindDueAsync(T0.AddDays(100), 1000), r => r.InstanceId == early);
    }

    [Fact]
    public async Task MessageSubscriptions_AreFoundByNameAndCorrelationKey()
    {
        await using var server = NewEngine();
        await server.DeployAsync("messages.bpmn");
        var (key1, key2) = (Unique("contract"), Unique("contract"));
        var one = (await server.StartAsync("contracting", new() { ["contractId"] = key1 })).Id;
        var two = (await server.StartAsync("contracting", new() { ["contractId"] = key2 })).Id;

        Assert.Equal([one], (await server.Instances.FindMessageSubscriptionsAsync("contractSigned", key1)).Select(r => r.InstanceId));
        Assert.Equal([one, two], (await server.Instances.FindMessageSubscriptionsAsync("contractSigned", null))
            .Select(r => r.InstanceId).Where(i => i == one || i == two).Order());
        Assert.Empty(await server.Instances.FindMessageSubscriptionsAsync("contractSigned", "no-such-contract"));
        Assert.DoesNotContain(await server.Instances.FindMessageSubscriptionsAsync("paymentReceived", null), r => r.InstanceId == one);

        var result = await server.Engine.CorrelateMessageAsync("contractSigned", key1);

        Assert.Equal([one], result.ResumedInstances);
        Assert.Equal("activate", Assert.Single(await server.OpenTasksAsync(one)).ElementId);
        Assert.Empty(await server.Instances.FindMessageSubscriptionsAsync("contractSigned", key1));
        Assert.Equal([two], (await server.Instances.FindMessageSubscriptionsAsync("contractSigned", key2)).Select(r => r.InstanceId));
        Assert.Contains(await server.Instances.FindMessageSubscriptionsAsync("applicationCancelled", null), r => r.InstanceId == one);
    }

    [Fact]
    public async Task TaskQueries_ByAssigneeCandidateGroupAndDueDate_ReadTaskColumnsNotInstanceState()
    {
        await using var server = NewEngine();
        await server.DeployAsync("async-and-attributes.bpmn");
        await server.DeployAsync("exclusive-join.bpmn");
        var (owner, group) = (Unique("owner"), Unique("group"));
        var assigned = (await server.StartAsync("asyncFlow", new()
        {
            ["amount"] = 1000, ["owner"] = owner, ["groups"] = new List<object?> { group, "CreditManager" }, ["tier"] = "low", ["customer"] = "Acme",
        })).Id;
        await server.Engine.RunDueJobsAsync(); // the async continuation before the task
        var unassigned = (await server.StartAsync("exclusiveJoin", new() { ["amount"] = 5000, ["visits"] = 0 })).Id;
        var review = await server.OpenTaskAsync(assigned, "review");
        var large = await server.OpenTaskAsync(unassigned, "large");

        // The task queries must not depend on the serialised instance: spoil it and query again.
        await server.Db.Set<WorkflowInstanceEntity>().Where(i => i.Id == assigned || i.Id == unassigned)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.StateJson, "{}"));
        database.Sql.Clear();

        Assert.Equal([review.Id], Ids(await server.Instances.QueryTasksAsync(new TaskQuery { Assignee = owner })));
        Assert.Equal([review.Id], Ids(await server.Instances.QueryTasksAsync(new TaskQuery { CandidateUser = owner })));
        Assert.Empty(await server.Instances.QueryTasksAsync(new TaskQuery { Groups = [group] })); // assigned tasks leave the group queue
        Assert.Contains(large.Id, Ids(await server.Instances.QueryTasksAsync(new TaskQuery { Groups = ["manager", group] })));
        Assert.DoesNotContain(review.Id, Ids(await server.Instances.QueryTasksAsync(new TaskQuery { CandidateUser = "ben", Groups = [group] })));
        Assert.Contains(review.Id, Ids(await server.Instances.QueryTasksAsync(new TaskQuery { DueBefore = T0.AddDays(3) })));
        Assert.DoesNotContain(review.Id, Ids(await server.Instances.QueryTasksAsync(new TaskQuery { DueBefore = T0.AddDays(1) })));
        Assert.DoesNotContain(large.Id, Ids(await server.Instances.QueryTasksAsync(new TaskQuery { DueBefore = T0.AddDays(365) })));

        var commands = database.Sql.Commands;
        Assert.Equal(8, commands.Count);
        Assert.All(commands, sql => Assert.DoesNotContain("StateJson", sql));
        Assert.All(commands, sql => Assert.DoesNotContain("WorkflowInstances", sql));
        Assert.Contains(commands, sql => sql.Contains("WorkflowTaskCandidates", StringComparison.Ordinal));

        var stored = Assert.Single(await server.Instances.QueryTasksAsync(new TaskQuery { InstanceId = assigned }));
        Assert.Equal((owner, T0.AddDays(2), 80, "forms/review-low"), (stored.Assignee, stored.DueDate, stored.Priority, stored.FormKey));
        Assert.Equal(["ana", "ben"], stored.CandidateUsers);
        Assert.Equal([group, "CreditManager"], stored.CandidateGroups);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero), stored.FollowUpDate);
    }

    [Fact]
    public async Task TaskQueries_ByStatus_SeeEndedTasksOnlyWhenAsked()
    {
        await using var server = NewEngine();
        await server.DeployAsync("exclusive-join.bpmn");
        var id = (await server.StartAsync("exclusiveJoin", new() { ["amount"] = 5000, ["visits"] = 0 })).Id;
        var task = await server.OpenTaskAsync(id, "large");
        await server.Engine.CompleteTaskAsync(task.Id, actor: "maria");

        Assert.Empty(await server.Instances.QueryTasksAsync(new TaskQuery { InstanceId = id }));
        Assert.Equal([task.Id], Ids(await server.Instances.QueryTasksAsync(new TaskQuery { InstanceId = id, Status = UserTaskStatus.Completed })));
        Assert.Equal([task.Id], Ids(await server.Instances.QueryTasksAsync(new TaskQuery { InstanceId = id, Status = null })));
    }

    [Fact]
    public async Task MessageWithNoWaitingInstance_StartsTheProcessWithThatMessageStart()
    {
        await using var server = NewEngine();
        await server.DeployAsync("messages.bpmn");

        var result = await server.Engine.CorrelateMessageAsync("applicationSubmitted", Unique("application"));

        var id = Assert.Single(result.StartedInstances);
        Assert.Empty(result.ResumedInstances);
        Assert.Equal("triage", Assert.Single(await server.OpenTasksAsync(id)).ElementId);
    }

    [Fact]
    public async Task StartTimers_AreFoundWhenDue_FireEachCycle_AndAreReplacedByANewVersion()
    {
        var key = Unique("hourly");
        var xml = $"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/test">
              <process id="{key}" isExecutable="true">
                <startEvent id="tick"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></startEvent>
                <sequenceFlow id="f1" sourceRef="tick" targetRef="check" />
                <userTask id="check" />
                <sequenceFlow id="f2" sourceRef="check" targetRef="end" />
                <endEvent id="end" />
              </process>
            </definitions>
            """;
        await using (var before = NewEngine())
        {
            await before.Engine.DeployAsync(xml);
        }

        await using var server = NewEngine();
        Assert.DoesNotContain(await server.Instances.FindDueStartTimersAsync(T0.AddMinutes(59), 1000), t => t.ProcessKey == key);
        var timer = Assert.Single(await server.Instances.FindDueStartTimersAsync(T0.AddHours(1), 1000), t => t.ProcessKey == key);
        Assert.Equal((T0.AddHours(1), "tick", 1), (timer.DueAt, timer.ElementId, timer.ProcessVersion));

        await server.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Single(await server.Instances.QueryTasksAsync(new TaskQuery { ProcessKey = key }));
        Assert.Equal(T0.AddHours(2), Assert.Single(await server.Instances.FindDueStartTimersAsync(T0.AddDays(1), 1000), t => t.ProcessKey == key).DueAt);
        await server.AdvanceAsync(TimeSpan.FromHours(5));
        Assert.Equal(2, (await server.Instances.QueryTasksAsync(new TaskQuery { ProcessKey = key })).Count);
        Assert.DoesNotContain(await server.Instances.FindDueStartTimersAsync(T0.AddDays(1), 1000), t => t.ProcessKey == key);

        await server.Engine.DeployAsync(xml.Replace("R2/PT1H", "R1/PT3H"));
        var replaced = Assert.Single(await server.Instances.FindDueStartTimersAsync(T0.AddDays(1), 1000), t => t.ProcessKey == key);
        Assert.Equal((2, T0.AddHours(9)), (replaced.ProcessVersion, replaced.DueAt));
    }

    // ---- restart

    [Fact]
    public async Task NewEngineOnANewContext_ContinuesWhereTheOldOneStopped()
    {
        Guid id;
        await using (var before = NewEngine())
        {
            await before.DeployAsync("parallel.bpmn");
            id = (await before.StartAsync("parallel")).Id;
            await before.CompleteAsync(id, "taskA");
        }

        await using var after = NewEngine();
        Assert.Equal("taskB", Assert.Single(await after.OpenTasksAsync(id)).ElementId);
        var instance = await after.CompleteAsync(id, "taskB");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var history = await after.Instances.GetHistoryAsync(id);
        Assert.Equal(HistoryEventTypes.InstanceStarted, history[0].Event);
        Assert.Equal(HistoryEventTypes.InstanceCompleted, history[^1].Event);
        Assert.Equal(["join", "end"], (await after.CompletedPathAsync(id)).TakeLast(2));
    }

    [Fact]
    public async Task NewEngineOnANewContext_FiresTimersTheOldOneArmed()
    {
        Guid id;
        await using (var before = NewEngine())
        {
            await before.DeployAsync("event-race.bpmn");
            id = (await before.StartAsync("eventRace")).Id;
            await before.AdvanceAsync(TimeSpan.FromDays(3));
        }

        await using var after = NewEngine();
        await after.AdvanceAsync(TimeSpan.FromDays(12));

        Assert.Equal(["start", "race", "timeout", "withdraw", "withdrawn"], await after.CompletedPathAsync(id));
        Assert.Equal(InstanceStatus.Completed, (await after.ReloadAsync(id)).Status);
        Assert.Equal(T0.AddDays(14), Assert.Single(await after.Instances.GetHistoryAsync(id), e => e.Event == HistoryEventTypes.TimerFired).Time);
    }

    private static List<string> Ids(IEnumerable<TaskRecord> tasks) => tasks.Select(t => t.Id).ToList();

    private static WorkflowCommit CommitOf(ProcessInstance instance, string detail)
    {
        var commit = new WorkflowCommit();
        commit.Instances.Add((instance, instance.Revision));
        commit.History.Add(new HistoryEvent
        {
            InstanceId = instance.Id, ProcessKey = instance.ProcessKey, ProcessVersion = instance.ProcessVersion,
            Event = "test", ElementId = "test", ElementType = "test", Time = T0, Detail = detail,
        });
        return commit;
    }

    private static async Task<Exception?> OutcomeAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}

public sealed class SqliteEngineStoreTests(SqliteTestDatabase database)
    : EngineStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlEngineStoreTests(PostgreSqlTestDatabase database)
    : EngineStoreTests(database), IClassFixture<PostgreSqlTestDatabase>;
