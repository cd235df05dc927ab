using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class MultiInstanceTests
{
    private static readonly Dictionary<string, object?> Committee = new() { ["committee"] = new List<object?> { "ana", "ben", "chen" } };

    [Fact]
    public async Task ParallelCommittee_CreatesOneTaskPerMember_AssignedByElementVariable()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/committee.bpmn");

        var instance = await harness.StartAsync("committee", Committee);

        var tasks = await harness.OpenTasksAsync(instance.Id);
        Assert.Equal(["ana", "ben", "chen"], tasks.Select(t => t.Assignee).Order());
        Assert.All(tasks, t => Assert.Equal(["RiskCommittee"], t.CandidateGroups));
        var body = Assert.Single(instance.Scopes, s => s.Kind == ScopeKind.MultiInstanceBody);
        Assert.Equal(3m, body.Variables["nrOfInstances"]);
        Assert.Equal(3m, body.Variables["nrOfActiveInstances"]);
    }

    [Fact]
    public async Task TwoOfThree_SecondApprovalCompletesTheStage_AndTheThirdTaskIsWithdrawn()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/committee.bpmn");
        var instance = await harness.StartAsync("committee", Committee);
        var tasks = (await harness.OpenTasksAsync(instance.Id)).OrderBy(t => t.Assignee).ToList();

        instance = await harness.Engine.CompleteTaskAsync(tasks[0].Id, new Dictionary<string, object?> { ["vote"] = "approve" }, "ana");
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(2, (await harness.OpenTasksAsync(instance.Id)).Count);
        Assert.Equal(1m, instance.Scopes.Single(s => s.Kind == ScopeKind.MultiInstanceBody).Variables["nrOfCompletedInstances"]);

        instance = await harness.Engine.CompleteTaskAsync(tasks[2].Id, new Dictionary<string, object?> { ["vote"] = "approve" }, "chen");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(await harness.OpenTasksAsync(instance.Id));
        Assert.Equal(UserTaskStatus.Cancelled, (await harness.Store.FindTaskAsync(tasks[1].Id))!.Status);
        Assert.Equal("decided", instance.Variables["outcome"]);
        Assert.Equal(1, harness.CountEvents(instance.Id, "completed", "record"));
        await Assert.ThrowsAsync<TaskAlreadyEndedException>(() => harness.Engine.CompleteTaskAsync(tasks[1].Id, null, "ben"));
    }

    [Fact]
    public async Task EmptyCollection_SkipsTheActivity()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/committee.bpmn");

        var instance = await harness.StartAsync("committee", new Dictionary<string, object?> { ["committee"] = new List<object?>() });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["start", "vote", "record", "end"], harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task Sequential_RunsOneItemAtATime_WithLoopCounter()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/sequential-mi.bpmn");
        var instance = await harness.StartAsync("sequentialSignatures", new { signatures = 3 });

        var assignees = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            var task = Assert.Single(await harness.OpenTasksAsync(instance.Id));
            assignees.Add(task.Assignee);
            instance = await harness.Engine.CompleteTaskAsync(task.Id, null, task.Assignee);
        }

        Assert.Equal(["signer-0", "signer-1", "signer-2"], assignees);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Single(instance.Scopes);
    }

    [Fact]
    public async Task CollectionThatIsNotAList_RaisesIncident()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/committee.bpmn");

        var instance = await harness.StartAsync("committee", new { committee = "ana" });

        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("vote", incident.ElementId);
        Assert.Equal("InvalidValue", incident.Code);
    }
}
