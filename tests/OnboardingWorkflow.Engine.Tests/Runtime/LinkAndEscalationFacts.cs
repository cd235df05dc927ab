using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Tests.Support;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class LinkEventFacts
{
    [Fact]
    public async Task LinkThrow_GoesOnAtTheCatchOfItsName_AcrossThePage_AndBackForALoop()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/link-events.bpmn");

        var instance = await harness.StartAsync("linkEvents");
        instance = await harness.CompleteAsync(instance, "prepare");
        instance = await harness.CompleteAsync(instance, "review", new { approved = false });
        Assert.Equal("prepare", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        instance = await harness.CompleteAsync(instance, "prepare");
        instance = await harness.CompleteAsync(instance, "review", new { approved = true });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(
            ["start", "prepare", "goToReview", "reviewCaught", "review", "decide", "goToRework", "reworkCaught",
             "prepare", "goToReview", "reviewCaught", "review", "decide", "end"],
            harness.CompletedPath(instance.Id));
    }
}

public sealed class EscalationFacts
{
    private static async Task<EngineHarness> DeployedAsync()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/escalations.bpmn");
        return harness;
    }

    private static async Task<IReadOnlyList<string>> OpenAsync(EngineHarness harness, ProcessInstance instance) =>
        (await harness.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task NonInterruptingBoundary_StartsAPathBeside_AndTheWorkGoesOn()
    {
        var harness = await DeployedAsync();

        var instance = await harness.StartAsync("escalationNotInterrupting");
        instance = await harness.CompleteAsync(instance, "prepare");

        Assert.Equal(["finish", "tellManager"], await OpenAsync(harness, instance));
        Assert.Equal("LATE", instance.Variables["escalationCode"]);
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.EscalationThrown && e.ElementId == "late" && e.Detail == "LATE");
        instance = await harness.CompleteAsync(instance, "tellManager");
        instance = await harness.CompleteAsync(instance, "finish");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Contains("done", harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task InterruptingBoundary_EndsTheSubProcess_WithEveryPathInIt_AndTakesItsOwnWay()
    {
        var harness = await DeployedAsync();

        var instance = await harness.StartAsync("escalationInterrupting");
        Assert.Equal(["check", "otherCheck"], await OpenAsync(harness, instance));
        instance = await harness.CompleteAsync(instance, "check", new { blocked = true });

        Assert.Equal(["resolve"], await OpenAsync(harness, instance));
        Assert.DoesNotContain("passed", harness.CompletedPath(instance.Id));
        instance = await harness.CompleteAsync(instance, "resolve");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("resolvedEnd", harness.CompletedPath(instance.Id)[^1]);
    }

    [Fact]
    public async Task InterruptingBoundary_IsNotTaken_WhenNothingIsEscalated()
    {
        var harness = await DeployedAsync();

        var instance = await harness.StartAsync("escalationInterrupting");
        instance = await harness.CompleteAsync(instance, "check", new { blocked = false });
        instance = await harness.CompleteAsync(instance, "otherCheck");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("passed", harness.CompletedPath(instance.Id)[^1]);
        Assert.DoesNotContain(harness.Events, e => e.Event == HistoryEventTypes.EscalationThrown);
    }

    [Fact]
    public async Task UncaughtEscalation_IsNoFailure_ThePathGoesOn()
    {
        var harness = await DeployedAsync();

        var instance = await harness.StartAsync("escalationUncaught");

        Assert.Equal(["after"], await OpenAsync(harness, instance));
        Assert.Empty(instance.Incidents);
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.EscalationThrown && e.ElementId == "shout");
    }

    [Fact]
    public async Task EscalationInACalledInstance_IsCaughtAtTheCallActivity_ByACatchAllBoundary()
    {
        var harness = await DeployedAsync();

        var caller = await harness.StartAsync("escalationCaller");

        Assert.Equal(["callerTold"], await OpenAsync(harness, caller));
        var called = Assert.Single(await harness.Store.QueryTasksAsync(new TaskQuery { ElementId = "calledWork" }));
        Assert.NotEqual(caller.Id, called.InstanceId);
        caller = await harness.ReloadAsync(caller);
        Assert.Equal("LATE", caller.Variables["escalationCode"]);
    }
}

public sealed class SignalFacts
{
    private static async Task<EngineHarness> DeployedAsync()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/signals.bpmn");
        return harness;
    }

    private static async Task<IReadOnlyList<string>> OpenAsync(EngineHarness harness, Guid instanceId) =>
        (await harness.OpenTasksAsync(instanceId)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task ThrownSignal_ReachesEveryWaitingInstance_AndStartsTheSignalStartedProcess()
    {
        var harness = await DeployedAsync();
        var first = await harness.StartAsync("signalWaiter");
        var second = await harness.StartAsync("signalWaiter");
        var beside = await harness.StartAsync("signalBeside");

        var thrower = await harness.StartAsync("signalThrower");

        Assert.Equal(InstanceStatus.Completed, thrower.Status);
        Assert.Equal(["reprice"], await OpenAsync(harness, first.Id));
        Assert.Equal(["reprice"], await OpenAsync(harness, second.Id));
        Assert.Equal(["recheck", "work"], await OpenAsync(harness, beside.Id));
        var started = Assert.Single(await harness.Store.QueryTasksAsync(new TaskQuery { ElementId = "reviewRates" }));
        Assert.DoesNotContain(started.InstanceId, new[] { first.Id, second.Id, beside.Id, thrower.Id });
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.SignalThrown && e.InstanceId == thrower.Id && e.Detail == "ratesChanged");
        Assert.Equal(2, harness.Events.Count(e => e.Event == HistoryEventTypes.SignalReceived && e.ElementId == "waitRates"));
    }

    [Fact]
    public async Task NonInterruptingSignalBoundary_HearsEverySignalWhileItsActivityRuns_AndNoneAfterwards()
    {
        var harness = await DeployedAsync();
        var beside = await harness.StartAsync("signalBeside");

        await harness.Engine.BroadcastSignalAsync("ratesChanged");
        await harness.Engine.BroadcastSignalAsync("ratesChanged");
        Assert.Equal(["recheck", "recheck", "work"], await OpenAsync(harness, beside.Id));

        beside = await harness.CompleteAsync(beside, "work");
        var after = await harness.Engine.BroadcastSignalAsync("ratesChanged");

        Assert.DoesNotContain(beside.Id, after.ResumedInstances);
        Assert.DoesNotContain(beside.Bookmarks, b => b.Kind == BookmarkKind.Signal);
        Assert.Equal(["recheck", "recheck"], await OpenAsync(harness, beside.Id));
    }

    [Fact]
    public async Task SignalBroadcastThroughTheEngine_CarriesVariables_AndReachesNobodyTwice()
    {
        var harness = await DeployedAsync();
        var waiter = await harness.StartAsync("signalWaiter");

        var result = await harness.Engine.BroadcastSignalAsync("ratesChanged", new Dictionary<string, object?> { ["rate"] = 4.5m });
        var again = await harness.Engine.BroadcastSignalAsync("ratesChanged");

        Assert.Equal([waiter.Id], result.ResumedInstances);
        Assert.Single(result.StartedInstances);
        Assert.Empty(again.ResumedInstances); // the waiter has gone on
        Assert.Equal(4.5m, (await harness.ReloadAsync(waiter)).Variables["rate"]);
        Assert.Equal(["reprice"], await OpenAsync(harness, waiter.Id));
    }

    [Fact]
    public async Task AnInstanceChangedDuringItsDelivery_IsReadAgain_AndStillGetsTheSignal()
    {
        HookedInstanceStore hooked = null!;
        var harness = new EngineHarness(wrapStore: inner => hooked = new HookedInstanceStore(inner));
        await harness.DeployAsync("runtime/signals.bpmn");
        var beside = await harness.StartAsync("signalBeside");
        var interfered = false;
        hooked.BeforeCommit = async commit =>
        {
            if (!interfered && commit.Instances.Any(i => i.Instance.Id == beside.Id))
            {
                interfered = true; // another unit of work delivers the same signal first
                await harness.Engine.BroadcastSignalAsync("ratesChanged");
            }
        };

        var result = await harness.Engine.BroadcastSignalAsync("ratesChanged");

        Assert.True(interfered);
        Assert.Contains(beside.Id, result.ResumedInstances);
        Assert.Equal(["recheck", "recheck", "work"], await OpenAsync(harness, beside.Id)); // once each, nothing lost, nothing twice
    }

    [Fact]
    public async Task AFaultInOneInstancesDelivery_DoesNotKeepTheOthersFromIt_AndIsRaisedAfterwards()
    {
        HookedInstanceStore hooked = null!;
        var harness = new EngineHarness(wrapStore: inner => hooked = new HookedInstanceStore(inner));
        await harness.DeployAsync("runtime/signals.bpmn");
        var waiters = new[] { await harness.StartAsync("signalWaiter"), await harness.StartAsync("signalWaiter"), await harness.StartAsync("signalWaiter") };
        var failing = waiters[1].Id;
        hooked.BeforeCommit = commit => commit.Instances.Any(i => i.Instance.Id == failing)
            ? throw new IOException("the disk is full")
            : Task.CompletedTask;

        var fault = await Assert.ThrowsAsync<IOException>(() => harness.Engine.BroadcastSignalAsync("ratesChanged"));

        Assert.Equal("the disk is full", fault.Message);
        Assert.Equal(["reprice"], await OpenAsync(harness, waiters[0].Id));
        Assert.Equal(["reprice"], await OpenAsync(harness, waiters[2].Id));
        Assert.Empty(await OpenAsync(harness, failing)); // still waiting: the next broadcast reaches it
        hooked.BeforeCommit = null;
        var next = await harness.Engine.BroadcastSignalAsync("ratesChanged");
        Assert.Equal([failing], next.ResumedInstances);
        Assert.Equal(["reprice"], await OpenAsync(harness, failing));
    }

    [Fact]
    public async Task SignalOfAnotherName_ReachesNobody()
    {
        var harness = await DeployedAsync();
        var waiter = await harness.StartAsync("signalWaiter");

        var result = await harness.Engine.BroadcastSignalAsync("somethingElse");

        Assert.Empty(result.ResumedInstances);
        Assert.Empty(result.StartedInstances);
        Assert.Empty(await OpenAsync(harness, waiter.Id));
    }
}
