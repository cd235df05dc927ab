using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>Flows deployed, run and continued on the EF stores of each provider.</summary>
public abstract class EngineFlowTests(TestDatabase database) : EngineStoreTestBase(database)
{
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
        Assert.Equal(2, await other.Definitions.FindLatestVersionAsync(key));
        Assert.Null(await other.Definitions.FindLatestVersionAsync(Unique("never")));
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
        Assert.Equal(1m, stored.Variables["visits"]);
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
    public async Task HistoryOfOneCommit_LargerThanOneStatement_IsStoredWhole_InOrder_WithItsValues()
    {
        Guid id;
        await using (var server = NewEngine())
        {
            await server.DeployAsync("parallel.bpmn");
            id = (await server.StartAsync("parallel")).Id;
        }

        await using var writer = NewEngine();
        var instance = await writer.ReloadAsync(id);
        var commit = CommitOf(instance, "0");
        var variables = new Dictionary<string, object?> { ["amount"] = 12.5m, ["name"] = "Zhang \"San\" 张三" };
        for (var i = 1; i < 400; i++)
        {
            commit.History.Add(new HistoryEvent
            {
                InstanceId = id, ProcessKey = instance.ProcessKey, ProcessVersion = instance.ProcessVersion, Event = "test",
                ElementId = "test", ElementType = "test", Time = T0.AddSeconds(i), Detail = i.ToString(),
                Actor = i % 2 == 0 ? "maria" : null, Variables = i == 399 ? variables : null,
            });
        }

        await writer.Instances.CommitAsync(commit);

        await using var reader = NewEngine();
        var stored = (await reader.Instances.GetHistoryAsync(id)).Where(e => e.Event == "test").ToList();
        Assert.Equal(Enumerable.Range(0, 400).Select(i => i.ToString()), stored.Select(e => e.Detail));
        Assert.Equal(T0.AddSeconds(399), stored[^1].Time);
        Assert.Equal(("maria", null), (stored[398].Actor, stored[399].Actor));
        Assert.Equal(12.5m, stored[^1].Variables!["amount"]);
        Assert.Equal("Zhang \"San\" 张三", stored[^1].Variables!["name"]);
    }

    [Fact]
    public async Task SignalBroadcastFromAnotherContext_FindsTheStoredSubscription_AndResumesIt()
    {
        Guid id;
        await using (var before = NewEngine())
        {
            await before.DeployAsync("signals.bpmn");
            id = (await before.StartAsync("signalWaiter")).Id;
        }

        await using var after = NewEngine();
        Assert.Contains(await after.Instances.FindSignalSubscriptionsAsync("ratesChanged"), s => s.InstanceId == id);
        var result = await after.Engine.BroadcastSignalAsync("ratesChanged", new Dictionary<string, object?> { ["rate"] = 3.25m });

        Assert.Contains(id, result.ResumedInstances);
        Assert.NotEmpty(result.StartedInstances);
        Assert.Equal("reprice", Assert.Single(await after.OpenTasksAsync(id)).ElementId);
        Assert.Equal(3.25m, (await after.ReloadAsync(id)).Variables["rate"]);
        Assert.DoesNotContain(await after.Instances.FindSignalSubscriptionsAsync("ratesChanged"), s => s.InstanceId == id);
    }

    [Fact]
    public async Task EventSubProcessListeners_AreStoredWithTheProcess_AndFireFromAnotherContext()
    {
        var key = Unique("APP");
        Guid messages, reminders;
        await using (var before = NewEngine())
        {
            await before.DeployAsync("event-subprocesses.bpmn");
            messages = (await before.StartAsync("espMessages", businessKey: key)).Id;
            reminders = (await before.StartAsync("espReminder")).Id;
        }

        await using var after = NewEngine();
        Assert.Single(await after.Instances.FindMessageSubscriptionsAsync("applicationWithdrawn", key));
        var result = await after.Engine.CorrelateMessageAsync("applicationWithdrawn", key);
        await after.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal([messages], result.ResumedInstances);
        Assert.Equal("closeFile", Assert.Single(await after.OpenTasksAsync(messages)).ElementId);
        Assert.Empty(await after.Instances.FindMessageSubscriptionsAsync("customerNote", key));
        Assert.Equal(["chase", "review"], (await after.OpenTasksAsync(reminders)).Select(t => t.ElementId).Order(StringComparer.Ordinal));
        var stored = await after.ReloadAsync(reminders);
        Assert.Equal(T0.AddDays(2), Assert.Single(stored.Bookmarks, b => b.Kind == BookmarkKind.Timer).DueAt);
    }

    [Fact]
    public async Task WhatCanBeCompensated_IsStoredWithTheInstance_AndCompensatedFromAnotherContext()
    {
        Guid id;
        await using (var before = NewEngine())
        {
            await before.DeployAsync("compensation.bpmn");
            id = (await before.StartAsync("subProcessCompensation", new() { ["rollBackEarly"] = false })).Id;
        }

        await using var after = NewEngine();
        var remembered = Assert.Single((await after.ReloadAsync(id)).RootScope.Compensations!);
        Assert.Equal("onboard", remembered.ElementId);
        Assert.Equal(["createCustomer", "grantLimit"], remembered.Inner!.Select(r => r.ElementId));
        var instance = await after.CompleteAsync(id, "review", new() { ["reject"] = true });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["onboard", "grantLimit", "createCustomer"],
            (await after.Instances.GetHistoryAsync(id)).Where(e => e.Event == HistoryEventTypes.CompensationThrown).Select(e => e.ElementId));
        Assert.Equal(["revokeLimit", "eraseRecords", "deleteCustomer", "undoOnboarding"],
            (await after.CompletedPathAsync(id)).Where(e => e is "revokeLimit" or "eraseRecords" or "deleteCustomer" or "undoOnboarding"));
    }

    [Fact]
    public async Task CompensationWaitingForAUserTaskHandler_GoesOnFromANewContext()
    {
        Guid id;
        await using (var before = NewEngine())
        {
            await before.DeployAsync("compensation.bpmn");
            id = (await before.StartAsync("compensationEnd")).Id;
        }

        await using var after = NewEngine();
        var waiting = await after.ReloadAsync(id);
        Assert.Equal(InstanceStatus.Waiting, waiting.Status);
        var handler = Assert.Single(waiting.Tokens, t => t.ElementId == "closeAccount");
        Assert.Equal(Assert.Single(waiting.Tokens, t => t.ElementId == "undoAll").Id, handler.CompensationFor);
        var instance = await after.CompleteAsync(id, "closeAccount");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["resetLimit", "closeAccount", "undoAll"], (await after.CompletedPathAsync(id)).TakeLast(3));
        Assert.Equal(0m, (await after.ReloadAsync(id)).Variables["limit"]);
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
}

public sealed class SqliteEngineFlowTests(SqliteTestDatabase database)
    : EngineFlowTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlEngineFlowTests(PostgreSqlTestDatabase database)
    : EngineFlowTests(database), IClassFixture<PostgreSqlTestDatabase>;
