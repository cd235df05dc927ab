using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class SubProcessAndTimerTests
{
    [Fact]
    public async Task NestedSubProcesses_CompleteInsideOut_OnTheHappyPath()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/nested-subprocess.bpmn");
        var instance = await harness.StartAsync("nested");
        Assert.Equal(3, instance.Scopes.Count);

        instance = await harness.CompleteAsync(instance, "check", new { fraud = false });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["start", "outerStart", "innerStart", "check", "fraudGateway", "innerEnd", "inner", "outerEnd", "outer", "end"], harness.CompletedPath(instance.Id));
        Assert.Single(instance.Scopes);
    }

    [Fact]
    public async Task ErrorEndEventInInnerSubProcess_IsCaughtByBoundaryOfOuterSubProcess()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/nested-subprocess.bpmn");
        var instance = await harness.StartAsync("nested");

        instance = await harness.CompleteAsync(instance, "check", new { fraud = true });

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var path = harness.CompletedPath(instance.Id);
        Assert.Equal(["fraudCaught", "reject", "rejected"], path.TakeLast(3));
        Assert.DoesNotContain("outerEnd", path);
        Assert.Equal("FRAUD", instance.Variables["errorCode"]);
        Assert.Empty(instance.Bookmarks);
        Assert.Equal(1, harness.CountEvents(instance.Id, "cancelled", "outer"));
    }

    [Fact]
    public async Task InterruptingTimerOnInnerSubProcess_CancelsItsTask_AndContinuesInOuterScope()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/nested-subprocess.bpmn");
        var instance = await harness.StartAsync("nested");
        var checkTask = Assert.Single(await harness.OpenTasksAsync(instance.Id));

        await harness.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal("check", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        await harness.AdvanceAsync(TimeSpan.FromDays(1));

        instance = await harness.ReloadAsync(instance);
        Assert.Equal("escalate", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        Assert.Equal(Stores.UserTaskStatus.Cancelled, (await harness.Store.FindTaskAsync(checkTask.Id))!.Status);
        instance = await harness.CompleteAsync(instance, "escalate");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(["innerTimeout", "escalate", "outerEnd", "outer", "end"], harness.CompletedPath(instance.Id).TakeLast(5));
    }

    [Fact]
    public async Task NonInterruptingTimerCycle_FiresThreeTimes_WhileTheTaskStaysOpen()
    {
        var sent = new List<string?>();
        var harness = new EngineHarness(new HandlerRegistry().Register("sendReminder", context => sent.Add((string?)context.GetVariable("maker"))));
        await harness.DeployAsync("runtime/reminder-cycle.bpmn");
        var instance = await harness.StartAsync("reminders", new { maker = "sara" });
        Assert.Equal("sara", Assert.Single(await harness.OpenTasksAsync(instance.Id)).Assignee);

        await harness.AdvanceAsync(TimeSpan.FromHours(23));
        Assert.Empty(sent);
        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Single(sent);
        await harness.AdvanceAsync(TimeSpan.FromDays(5));

        Assert.Equal(["sara", "sara", "sara"], sent);
        var start = instance.StartedAt;
        Assert.Equal([start.AddHours(24), start.AddHours(48), start.AddHours(72)],
            harness.Events.Where(e => e.Event == "timerFired").Select(e => e.Time));
        instance = await harness.ReloadAsync(instance);
        Assert.Equal(3, harness.CountEvents(instance.Id, "completed", "reminderSent"));
        Assert.DoesNotContain(instance.Bookmarks, b => b.Kind == BookmarkKind.Timer);
        Assert.Equal("upload", Assert.Single(await harness.OpenTasksAsync(instance.Id)).ElementId);
        instance = await harness.CompleteAsync(instance, "upload");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task NonInterruptingTimer_StopsWhenTheTaskCompletes()
    {
        var sent = 0;
        var harness = new EngineHarness(new HandlerRegistry().Register("sendReminder", _ => sent++));
        await harness.DeployAsync("runtime/reminder-cycle.bpmn");
        var instance = await harness.StartAsync("reminders", new { maker = "sara" });

        await harness.AdvanceAsync(TimeSpan.FromHours(30));
        instance = await harness.CompleteAsync(instance, "upload");
        await harness.AdvanceAsync(TimeSpan.FromDays(10));

        Assert.Equal(1, sent);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task DueTimers_AreFoundByQuery_NotFiredBeforeTheClockReachesThem()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/nested-subprocess.bpmn");
        var instance = await harness.StartAsync("nested");

        var due = await harness.Store.FindDueAsync(harness.Clock.GetUtcNow().AddDays(2), 10);
        var notYet = await harness.Store.FindDueAsync(harness.Clock.GetUtcNow().AddDays(2).AddSeconds(-1), 10);

        Assert.Equal(instance.Id, Assert.Single(due).InstanceId);
        Assert.Empty(notYet);
        Assert.Equal(0, await harness.Engine.RunDueJobsAsync());
    }
}
