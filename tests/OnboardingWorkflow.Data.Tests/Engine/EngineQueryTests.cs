using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>The queries of the timer sweep, message correlation and task list, answered from columns.</summary>
public abstract class EngineQueryTests(TestDatabase database) : EngineStoreTestBase(database)
{
    [Fact]
    public async Task FindDue_ReturnsOnlyBookmarksDueAtOrBeforeTheTime_EarliestFirst()
    {
        await using var server = NewEngine();
        await server.DeployAsync("event-race.bpmn");
        var early = (await server.StartAsync("eventRace")).Id;
        Clock.Advance(TimeSpan.FromDays(5));
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

        Clock.AdvanceTo(T0.AddDays(15));
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
        Database.Sql.Clear();

        Assert.Equal([review.Id], Ids(await server.Instances.QueryTasksAsync(new TaskQuery { Assignee = owner })));
        Assert.Equal([review.Id], Ids(await server.Instances.QueryTasksAsync(new TaskQuery { CandidateUser = owner })));
        Assert.Empty(await server.Instances.QueryTasksAsync(new TaskQuery { Groups = [group] })); // assigned tasks leave the group queue
        Assert.Contains(large.Id, Ids(await server.Instances.QueryTasksAsync(new TaskQuery { Groups = ["manager", group] })));
        Assert.DoesNotContain(review.Id, Ids(await server.Instances.QueryTasksAsync(new TaskQuery { CandidateUser = "ben", Groups = [group] })));
        Assert.Contains(review.Id, Ids(await server.Instances.QueryTasksAsync(new TaskQuery { DueBefore = T0.AddDays(3) })));
        Assert.DoesNotContain(review.Id, Ids(await server.Instances.QueryTasksAsync(new TaskQuery { DueBefore = T0.AddDays(1) })));
        Assert.DoesNotContain(large.Id, Ids(await server.Instances.QueryTasksAsync(new TaskQuery { DueBefore = T0.AddDays(365) })));

        var commands = Database.Sql.Commands;
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
}

public sealed class SqliteEngineQueryTests(SqliteTestDatabase database)
    : EngineQueryTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlEngineQueryTests(PostgreSqlTestDatabase database)
    : EngineQueryTests(database), IClassFixture<PostgreSqlTestDatabase>;
