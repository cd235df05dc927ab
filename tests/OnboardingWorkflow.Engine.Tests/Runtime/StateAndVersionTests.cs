using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class StateAndVersionTests
{
    [Fact]
    public async Task Instance_SavedAsJson_ResumesInAFreshEngine_AndCompletes()
    {
        var first = new EngineHarness();
        await first.DeployAsync("runtime/committee.bpmn");
        var instance = await first.StartAsync("committee", new Dictionary<string, object?>
        {
            ["committee"] = new List<object?> { "ana", "ben", "chen" },
            ["case"] = new Dictionary<string, object?> { ["limit"] = 250000d, ["flags"] = new List<object?> { true, null, "x" } },
        });
        instance = await first.CompleteAsync(instance, "vote", new { vote = "approve" });

        var json = InstanceJson.Serialize(instance);
        var second = new EngineHarness(clock: first.Clock);
        await second.DeployAsync("runtime/committee.bpmn");
        var restored = InstanceJson.Deserialize(json);
        Assert.Equal(json, InstanceJson.Serialize(restored));
        await second.Engine.ImportAsync(restored);

        Assert.Equal(instance.Variables["case"], restored.Variables["case"], Variables.AreEqual);
        var open = await second.OpenTasksAsync(instance.Id);
        Assert.Equal(2, open.Count);
        var done = await second.Engine.CompleteTaskAsync(open[0].Id, new Dictionary<string, object?> { ["vote"] = "approve" }, open[0].Assignee);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal("decided", done.Variables["outcome"]);
    }

    [Fact]
    public async Task Instance_WaitingOnTimer_SurvivesJsonRoundTrip()
    {
        var first = new EngineHarness();
        await first.DeployAsync("runtime/event-race.bpmn");
        var instance = await first.StartAsync("eventRace", businessKey: "APP-1");

        var second = new EngineHarness(clock: first.Clock);
        await second.DeployAsync("runtime/event-race.bpmn");
        await second.Engine.ImportAsync(InstanceJson.Deserialize(InstanceJson.Serialize(instance)));
        await second.AdvanceAsync(TimeSpan.FromDays(15));

        Assert.Equal(InstanceStatus.Completed, (await second.ReloadAsync(instance)).Status);
        Assert.Equal(["timeout", "withdraw", "withdrawn"], second.CompletedPath(instance.Id).TakeLast(3));
    }

    [Fact]
    public async Task CompletingATaskTwice_FailsWithTaskAlreadyEnded()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/parallel.bpmn");
        var instance = await harness.StartAsync("parallel");
        var task = (await harness.OpenTasksAsync(instance.Id)).First(t => t.ElementId == "taskA");

        await harness.Engine.CompleteTaskAsync(task.Id);
        var error = await Assert.ThrowsAsync<TaskAlreadyEndedException>(() => harness.Engine.CompleteTaskAsync(task.Id));

        Assert.Equal(UserTaskStatus.Completed, error.Status);
        await Assert.ThrowsAsync<TaskNotFoundException>(() => harness.Engine.CompleteTaskAsync("no-such-task"));
    }

    [Fact]
    public async Task SavingAStaleInstance_FailsWithConcurrencyException_AndWritesNothing()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/parallel.bpmn");
        var instance = await harness.StartAsync("parallel");
        var copyA = (await harness.Store.FindAsync(instance.Id))!;
        var copyB = (await harness.Store.FindAsync(instance.Id))!;

        copyA.BusinessKey = "A";
        var commitA = new WorkflowCommit();
        commitA.Instances.Add((copyA, copyA.Revision));
        await harness.Store.CommitAsync(commitA);
        copyB.BusinessKey = "B";
        var commitB = new WorkflowCommit();
        commitB.Instances.Add((copyB, copyB.Revision));

        await Assert.ThrowsAsync<ConcurrencyException>(() => harness.Store.CommitAsync(commitB));
        Assert.Equal("A", (await harness.Store.FindAsync(instance.Id))!.BusinessKey);
    }

    [Fact]
    public async Task TwoCompletionsOfTheSameTaskAtOnce_ExactlyOneSucceeds()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/parallel.bpmn");
        var instance = await harness.StartAsync("parallel");
        var task = (await harness.OpenTasksAsync(instance.Id)).First(t => t.ElementId == "taskA");

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await harness.Engine.CompleteTaskAsync(task.Id, null, $"user{i}");
                return true;
            }
            catch (Exception ex) when (ex is ConcurrencyException or TaskAlreadyEndedException)
            {
                return false;
            }
        })).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(1, harness.CountEvents(instance.Id, "completed", "taskA"));
    }

    [Fact]
    public async Task Deploy_SameXmlKeepsVersion_ChangedXmlMakesNewVersion_AndInstancesKeepTheirs()
    {
        var harness = new EngineHarness();
        var xml = TestFiles.ReadBpmn("runtime/exclusive-join.bpmn");
        var v1 = await harness.Engine.DeployAsync(xml);
        var again = await harness.Engine.DeployAsync(xml);
        var old = await harness.StartAsync("exclusiveJoin", new { amount = 5000, visits = 0 });

        var changed = xml.Replace("visits + 1", "visits + 100");
        var v2 = await harness.Engine.DeployAsync(changed);
        var fresh = await harness.StartAsync("exclusiveJoin", new { amount = 5000, visits = 0 });
        old = await harness.CompleteAsync(old, "large");
        fresh = await harness.CompleteAsync(fresh, "large");

        Assert.Equal((1, true), (v1.Processes[0].Version, v1.Processes[0].IsNewVersion));
        Assert.Equal((1, false), (again.Processes[0].Version, again.Processes[0].IsNewVersion));
        Assert.Equal((2, true), (v2.Processes[0].Version, v2.Processes[0].IsNewVersion));
        Assert.Equal((1, 1m), (old.ProcessVersion, old.Variables["visits"]));
        Assert.Equal((2, 100m), (fresh.ProcessVersion, fresh.Variables["visits"]));
    }

    [Fact]
    public async Task Deploy_InvalidBpmn_IsRefusedWithEveryDiagnostic()
    {
        var harness = new EngineHarness();
        var xml = TestFiles.ReadBpmn("runtime/exclusive-join.bpmn").Replace("targetRef=\"after\"", "targetRef=\"nowhere\"").Replace("visits + 1", "visits +");

        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => harness.Engine.DeployAsync(xml));

        Assert.Contains(error.Diagnostics, d => d.Code == "BPMN021" && d.ElementId == "f3");
        Assert.Contains(error.Diagnostics, d => d.Code == "BPMN050" && d.ElementId == "after");
        Assert.Empty(await harness.Definitions.ListLatestAsync());
    }

    [Fact]
    public async Task AsyncBefore_StopsAtTheElement_UntilTheJobRuns()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/async-and-attributes.bpmn");

        var instance = await harness.StartAsync("asyncFlow", new { amount = 1000, owner = "ana", groups = new List<object?> { "CreditAnalyst", "CreditManager" }, tier = "low", customer = "Acme" });
        Assert.Equal(BookmarkKind.Job, Assert.Single(instance.Bookmarks).Kind);
        Assert.Empty(await harness.OpenTasksAsync(instance.Id));

        Assert.Equal(1, await harness.Engine.RunDueJobsAsync());
        instance = await harness.ReloadAsync(instance);
        Assert.Equal(1200m, instance.Variables["exposure"]);
        Assert.Single(await harness.OpenTasksAsync(instance.Id));
    }

    [Fact]
    public async Task UserTaskAttributes_AreEvaluatedWhenTheTaskIsCreated()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/async-and-attributes.bpmn");
        var instance = await harness.StartAsync("asyncFlow", new { amount = 1000, owner = "ana", groups = new List<object?> { "CreditAnalyst", "CreditManager" }, tier = "low", customer = "Acme" });
        await harness.Engine.RunDueJobsAsync();

        var task = Assert.Single(await harness.OpenTasksAsync(instance.Id));

        Assert.Equal("ana", task.Assignee);
        Assert.Equal(["ana", "ben"], task.CandidateUsers);
        Assert.Equal(["CreditAnalyst", "CreditManager"], task.CandidateGroups);
        Assert.Equal(harness.Clock.GetUtcNow().AddDays(2), task.DueDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero), task.FollowUpDate);
        Assert.Equal(80, task.Priority);
        Assert.Equal("forms/review-low", task.FormKey);
        Assert.Equal(task.Id, Assert.Single(await harness.Store.QueryTasksAsync(new TaskQuery { CandidateUser = "ana" })).Id);
        Assert.Empty(await harness.Store.QueryTasksAsync(new TaskQuery { Groups = ["CreditManager"], CandidateUser = "ben" }));
        Assert.Empty(await harness.Store.QueryTasksAsync(new TaskQuery { DueBefore = harness.Clock.GetUtcNow().AddDays(1) }));
    }

    [Fact]
    public async Task History_RecordsActorTimeAndChangedVariables()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/exclusive-join.bpmn");
        var instance = await harness.StartAsync("exclusiveJoin", new { amount = 5000, visits = 0 }, actor: "sales1");
        harness.Clock.Advance(TimeSpan.FromMinutes(5));

        instance = await harness.CompleteAsync(instance, "large", new { approvedLimit = 4000 }, actor: "manager7");

        var history = await harness.Store.GetHistoryAsync(instance.Id);
        var classify = history.Single(e => e.Event == "completed" && e.ElementId == "classify");
        Assert.Equal("sales1", classify.Actor);
        Assert.Equal("large", classify.Variables!["band"]);
        var approval = history.Single(e => e.Event == "completed" && e.ElementId == "large");
        Assert.Equal(("manager7", 4000m), (approval.Actor, approval.Variables!["approvedLimit"]));
        Assert.Equal(harness.Clock.GetUtcNow(), approval.Time);
        Assert.Equal("userTask", approval.ElementType);
        Assert.Equal("instanceCompleted", history[^1].Event);
    }

    [Fact]
    public async Task TimerStartEvent_StartsInstancesOnItsCycle()
    {
        var harness = new EngineHarness();
        var xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="nightly" isExecutable="true">
                <startEvent id="tick"><timerEventDefinition><timeCycle>R2/PT12H</timeCycle></timerEventDefinition></startEvent>
                <sequenceFlow id="f" sourceRef="tick" targetRef="review" />
                <userTask id="review" />
                <sequenceFlow id="g" sourceRef="review" targetRef="end" />
                <endEvent id="end" />
              </process>
            </definitions>
            """;
        await harness.Engine.DeployAsync(xml);

        await harness.AdvanceAsync(TimeSpan.FromHours(11));
        Assert.Empty(await harness.Store.QueryTasksAsync(new TaskQuery()));
        await harness.AdvanceAsync(TimeSpan.FromDays(3));

        Assert.Equal(2, (await harness.Store.QueryTasksAsync(new TaskQuery { ProcessKey = "nightly" })).Count);
    }

    [Fact]
    public async Task TimerStartEvent_ThatCannotBeScheduled_RefusesTheDeployment()
    {
        var harness = new EngineHarness();
        var xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="badTimer" isExecutable="true">
                <startEvent id="tick"><timerEventDefinition><timeCycle>${cycle}</timeCycle></timerEventDefinition></startEvent>
                <sequenceFlow id="f" sourceRef="tick" targetRef="end" />
                <endEvent id="end" />
              </process>
            </definitions>
            """;

        var error = await Assert.ThrowsAsync<BpmnValidationException>(() => harness.Engine.DeployAsync(xml));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(("BPMN070", "tick"), (diagnostic.Code, diagnostic.ElementId));
        Assert.Empty(await harness.Definitions.ListLatestAsync());
    }
}
