using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class GatewayTests
{
    [Theory]
    [InlineData(50, "small")]
    [InlineData(500, "medium")]
    public async Task ExclusiveSplit_TakesFirstTrueCondition_AndJoinPassesSingleArrival(double amount, string branch)
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/exclusive-join.bpmn");

        var instance = await harness.StartAsync("exclusiveJoin", new { amount, visits = 0 });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["start", "classify", "split", branch, "join", "after", "end"], harness.CompletedPath(instance.Id));
        Assert.Equal(branch, instance.Variables["band"]);
        Assert.Equal(1m, instance.Variables["visits"]);
    }

    [Fact]
    public async Task ExclusiveSplit_TakesDefaultFlowLast_WhenNoConditionHolds()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/exclusive-join.bpmn");

        var instance = await harness.StartAsync("exclusiveJoin", new { amount = 5000, visits = 0 });

        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal("large", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        instance = await harness.CompleteAsync(instance, "large");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["start", "classify", "split", "large", "join", "after", "end"], harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task ExclusiveSplit_RaisesIncident_WhenConditionReferencesMissingVariable()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/exclusive-join.bpmn");

        var instance = await harness.StartAsync("exclusiveJoin", new { visits = 0 });

        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("classify", incident.ElementId);
        Assert.Equal("ExpressionFailed", incident.Code);
        Assert.Contains("amount", incident.Message);
        Assert.Equal(TokenState.Incident, Assert.Single(instance.Tokens).State);
        Assert.NotNull(await harness.ReloadAsync(instance));
    }

    [Fact]
    public async Task ParallelJoin_WaitsForEveryIncomingBranch()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/parallel.bpmn");

        var instance = await harness.StartAsync("parallel");
        Assert.Equal(["taskA", "taskB"], (await harness.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order());

        instance = await harness.CompleteAsync(instance, "taskB");
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(2, instance.Tokens.Count(t => t.ElementId == "join" && t.State == TokenState.Joined));

        instance = await harness.CompleteAsync(instance, "taskA");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(1, harness.CountEvents(instance.Id, "completed", "join"));
        Assert.Equal(1, harness.CountEvents(instance.Id, "completed", "end"));
    }

    [Fact]
    public async Task InclusiveJoin_FiresWithOneDeadBranch_WhenOnlyOneConditionHolds()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/inclusive.bpmn");

        var instance = await harness.StartAsync("inclusive", new { needsLegal = true, amount = 1000 });
        Assert.Equal("legalCheck", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);

        instance = await harness.CompleteAsync(instance, "legalCheck");

        Assert.Equal("decide", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal(1, harness.CountEvents(instance.Id, "completed", "join"));
        Assert.DoesNotContain("siteVisit", harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task InclusiveJoin_WaitsForEveryBranchThatCanStillArrive()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/inclusive.bpmn");

        var instance = await harness.StartAsync("inclusive", new { needsLegal = true, amount = 90000 });
        Assert.Equal(["legalCheck", "siteVisit"], (await harness.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order());

        instance = await harness.CompleteAsync(instance, "siteVisit");
        Assert.DoesNotContain(await harness.OpenTasksAsync(instance.Id), t => t.ElementId == "decide");
        Assert.Equal(0, harness.CountEvents(instance.Id, "completed", "join"));

        instance = await harness.CompleteAsync(instance, "legalCheck");
        Assert.Equal("decide", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal(1, harness.CountEvents(instance.Id, "completed", "join"));
    }

    [Fact]
    public async Task InclusiveSplit_TakesDefault_WhenNoConditionHolds()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/inclusive.bpmn");

        var instance = await harness.StartAsync("inclusive", new { needsLegal = false, amount = 10 });

        Assert.Equal("decide", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal(["start", "split", "noChecks", "join"], harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task EventBasedGateway_MessageWins_AndWithdrawsTheTimer()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/event-race.bpmn");
        var instance = await harness.StartAsync("eventRace", businessKey: "APP-7");
        Assert.Equal(2, instance.Bookmarks.Count);

        var result = await harness.Engine.CorrelateMessageAsync("documentsReceived", "APP-7", new Dictionary<string, object?> { ["pages"] = 12 });
        Assert.Equal([instance.Id], result.ResumedInstances);
        await harness.AdvanceAsync(TimeSpan.FromDays(20));

        instance = await harness.ReloadAsync(instance);
        Assert.Equal("review", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal(0, harness.CountEvents(instance.Id, "timerFired", "timeout"));
        Assert.DoesNotContain(instance.Bookmarks, b => b.Kind == BookmarkKind.Timer);
        Assert.Equal(12m, instance.Variables["pages"]);
    }

    [Fact]
    public async Task EventBasedGateway_TimerWins_AndWithdrawsTheMessageSubscription()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/event-race.bpmn");
        var instance = await harness.StartAsync("eventRace", businessKey: "APP-8");

        await harness.AdvanceAsync(TimeSpan.FromDays(13));
        Assert.Equal(InstanceStatus.Waiting, (await harness.ReloadAsync(instance)).Status);
        await harness.AdvanceAsync(TimeSpan.FromDays(1));
        var late = await harness.Engine.CorrelateMessageAsync("documentsReceived", "APP-8");

        instance = await harness.ReloadAsync(instance);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.False(late.Matched);
        Assert.Equal(["start", "race", "timeout", "withdraw", "withdrawn"], harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task EventBasedGateway_IgnoresMessageWithAnotherCorrelationKey()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/event-race.bpmn");
        var instance = await harness.StartAsync("eventRace", businessKey: "APP-9");

        var result = await harness.Engine.CorrelateMessageAsync("documentsReceived", "APP-10");

        Assert.False(result.Matched);
        Assert.Equal(2, (await harness.ReloadAsync(instance)).Bookmarks.Count);
    }
}
