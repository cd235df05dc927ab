using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class EventSubProcessFacts
{
    private static async Task<EngineHarness> DeployedAsync()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/event-subprocesses.bpmn");
        return harness;
    }

    private static async Task<IReadOnlyList<string>> OpenAsync(EngineHarness harness, ProcessInstance instance) =>
        (await harness.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task InterruptingMessageStart_CancelsEveryPathOfTheProcess_AndRunsAlone()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("espMessages", businessKey: "APP-1");
        Assert.Equal(["assess", "collect"], await OpenAsync(harness, instance));

        var result = await harness.Engine.CorrelateMessageAsync("applicationWithdrawn", "APP-1", new Dictionary<string, object?> { ["reason"] = "bought elsewhere" });

        Assert.Equal([instance.Id], result.ResumedInstances);
        instance = await harness.ReloadAsync(instance);
        Assert.Equal(["closeFile"], await OpenAsync(harness, instance));
        Assert.Equal("bought elsewhere", instance.Variables["reason"]);
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.Cancelled && e.ElementId == "assess");
        // Interrupted, the process no longer listens for a note either.
        Assert.DoesNotContain(instance.Bookmarks, b => b.Kind == BookmarkKind.Message);
        Assert.Empty((await harness.Engine.CorrelateMessageAsync("customerNote", "APP-1")).ResumedInstances);

        instance = await harness.CompleteAsync(instance, "closeFile");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["closeFile", "withdrawnEnd", "onWithdrawal"], harness.CompletedPath(instance.Id).TakeLast(3));
        Assert.DoesNotContain("end", harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task NonInterruptingMessageStart_RunsBesideTheWork_EachTimeTheMessageComes_AndTheProcessWaitsForIt()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("espMessages", businessKey: "APP-2");

        await harness.Engine.CorrelateMessageAsync("customerNote", "APP-2");
        await harness.Engine.CorrelateMessageAsync("customerNote", "APP-2");
        instance = await harness.ReloadAsync(instance);
        Assert.Equal(["assess", "collect", "readNote", "readNote"], await OpenAsync(harness, instance));

        instance = await harness.CompleteAsync(instance, "assess");
        instance = await harness.CompleteAsync(instance, "collect");
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Equal(["readNote", "readNote"], await OpenAsync(harness, instance));

        instance = await harness.CompleteAsync(instance, "readNote");
        instance = await harness.CompleteAsync(instance, "readNote");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Bookmarks);
    }

    [Fact]
    public async Task ListenersEndWithTheProcess_AMessageAfterwardsFindsNobody()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("espMessages", businessKey: "APP-3");
        Assert.Equal(2, instance.Bookmarks.Count(b => b.Kind == BookmarkKind.Message));

        instance = await harness.CompleteAsync(instance, "assess");
        instance = await harness.CompleteAsync(instance, "collect");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Empty(instance.Bookmarks);
        Assert.Empty((await harness.Engine.CorrelateMessageAsync("applicationWithdrawn", "APP-3")).ResumedInstances);
    }

    [Fact]
    public async Task NonInterruptingTimerCycle_StartsAReminderEachTurn_UpToItsRepetitions()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("espReminder");

        await harness.AdvanceAsync(TimeSpan.FromHours(25));
        instance = await harness.ReloadAsync(instance);
        Assert.Equal(["chase", "review"], await OpenAsync(harness, instance));

        await harness.AdvanceAsync(TimeSpan.FromDays(5));
        instance = await harness.ReloadAsync(instance);
        Assert.Equal(["chase", "chase", "review"], await OpenAsync(harness, instance));
        Assert.Equal(2, harness.CountEvents(instance.Id, HistoryEventTypes.TimerFired, "daily"));
        Assert.DoesNotContain(instance.Bookmarks, b => b.Kind == BookmarkKind.Timer);

        instance = await harness.CompleteAsync(instance, "review");
        instance = await harness.CompleteAsync(instance, "chase");
        instance = await harness.CompleteAsync(instance, "chase");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task TimerListener_IsWithdrawn_WhenTheProcessEndsFirst()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("espReminder");

        instance = await harness.CompleteAsync(instance, "review");
        await harness.AdvanceAsync(TimeSpan.FromDays(3));

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(0, harness.CountEvents(instance.Id, HistoryEventTypes.TimerFired, "daily"));
    }

    [Fact]
    public async Task ErrorInASubProcess_IsCaughtByItsOwnEventSubProcess_BeforeTheBoundary_AndTheSubProcessThenCompletes()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("espErrors");

        instance = await harness.CompleteAsync(instance, "check", new { failed = true });
        Assert.Equal(["fix"], await OpenAsync(harness, instance));
        Assert.Equal("CHECK_FAILED", instance.Variables["errorCode"]);

        instance = await harness.CompleteAsync(instance, "fix", new { giveUp = false });
        Assert.Equal(["decide"], await OpenAsync(harness, instance));
        Assert.DoesNotContain("refer", harness.CompletedPath(instance.Id));
    }

    [Fact]
    public async Task ErrorThrownByAnEventSubProcess_GoesPastItsScope_ToTheBoundaryOfTheSubProcess()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("espErrors");

        instance = await harness.CompleteAsync(instance, "check", new { failed = true });
        instance = await harness.CompleteAsync(instance, "fix", new { giveUp = true });

        Assert.Equal(["refer"], await OpenAsync(harness, instance));
        Assert.Empty(instance.Incidents);
        Assert.DoesNotContain(instance.Scopes, s => s.Kind == ScopeKind.SubProcess);
    }

    [Fact]
    public async Task EscalationCaughtByANonInterruptingEventSubProcess_TellsTheManager_AndTheThrowerGoesOn()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("espEscalationAndSignal");

        Assert.Equal(["processIt", "tellManager"], await OpenAsync(harness, instance));
        Assert.Equal("SLOW", instance.Variables["escalationCode"]);

        instance = await harness.CompleteAsync(instance, "processIt");
        instance = await harness.CompleteAsync(instance, "archive");
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        instance = await harness.CompleteAsync(instance, "tellManager");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task SignalInASubProcess_InterruptsOnlyThatSubProcess_WhichThenCompletesAndTheProcessGoesOn()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("espEscalationAndSignal");

        var result = await harness.Engine.BroadcastSignalAsync("creditFreeze");

        Assert.Equal([instance.Id], result.ResumedInstances);
        instance = await harness.ReloadAsync(instance);
        Assert.Equal(["archive", "tellManager"], await OpenAsync(harness, instance));
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.Cancelled && e.ElementId == "processIt");
        Assert.Contains("frozenEnd", harness.CompletedPath(instance.Id));
        Assert.DoesNotContain(instance.Bookmarks, b => b.Kind == BookmarkKind.Signal);
    }
}
