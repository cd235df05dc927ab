using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class ConditionalEventFacts
{
    private static async Task<EngineHarness> DeployedAsync()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/conditional-events.bpmn");
        return harness;
    }

    private static async Task<IReadOnlyList<string>> OpenAsync(EngineHarness harness, ProcessInstance instance) =>
        (await harness.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task CatchEvent_WaitsWhileFalse_AndGoesOnWhenAnotherPathMakesItTrue()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("conditionalCatch");
        Assert.Equal(["adjust"], await OpenAsync(harness, instance));
        Assert.Equal(BookmarkKind.Conditional, Assert.Single(instance.Bookmarks, b => b.ElementId == "largeEnough").Kind);

        instance = await harness.CompleteAsync(instance, "adjust", new { exposure = 25000 });

        Assert.Equal(["review"], await OpenAsync(harness, instance));
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.ConditionMet && e.ElementId == "largeEnough");
    }

    [Fact]
    public async Task CatchEvent_TrueWhenReached_DoesNotWait()
    {
        var harness = await DeployedAsync();

        var instance = await harness.StartAsync("conditionalCatch", new { exposure = 12000 });

        Assert.Equal(["adjust", "review"], await OpenAsync(harness, instance));
        Assert.DoesNotContain(instance.Bookmarks, b => b.Kind == BookmarkKind.Conditional);
    }

    [Fact]
    public async Task CatchEvent_StillFalseAfterAChange_KeepsWaiting()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("conditionalCatch");

        instance = await harness.CompleteAsync(instance, "adjust", new { exposure = 9999 });

        Assert.Empty(await OpenAsync(harness, instance));
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
        Assert.Single(instance.Bookmarks, b => b.Kind == BookmarkKind.Conditional);
    }

    [Fact]
    public async Task InterruptingBoundary_CancelsItsActivity_WhenItsVariableMakesItTrue()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("conditionalBoundary");
        Assert.Equal(["collect", "watch"], await OpenAsync(harness, instance));

        instance = await harness.CompleteAsync(instance, "watch", new { withdrawn = true });

        Assert.Equal(["cleanup"], await OpenAsync(harness, instance));
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.Cancelled && e.ElementId == "collect");
        instance = await harness.CompleteAsync(instance, "cleanup");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public async Task NonInterruptingEventSubProcess_FiresEachTimeTheConditionBecomesTrue_NotWhileItStaysTrue()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("conditionalAlerts");

        instance = await harness.CompleteAsync(instance, "rate1", new { risk = 80 });
        Assert.Equal(["alert", "rate2"], await OpenAsync(harness, instance));
        instance = await harness.CompleteAsync(instance, "rate2", new { risk = 90 });
        Assert.Equal(["alert", "rate3"], await OpenAsync(harness, instance));
        instance = await harness.CompleteAsync(instance, "alert");
        instance = await harness.CompleteAsync(instance, "rate3", new { risk = 40 });
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal(1, harness.CountEvents(instance.Id, HistoryEventTypes.ConditionMet, "riskHigh"));
    }

    [Fact]
    public async Task NonInterruptingEventSubProcess_FiresAgain_AfterTheConditionWasFalseInBetween()
    {
        var harness = await DeployedAsync();
        var instance = await harness.StartAsync("conditionalAlerts");
        Assert.Equal(["rate1"], await OpenAsync(harness, instance));

        instance = await harness.CompleteAsync(instance, "rate1", new { risk = 75 });
        instance = await harness.CompleteAsync(instance, "rate2", new { risk = 30 });
        Assert.Equal(["alert", "rate3"], await OpenAsync(harness, instance));
        instance = await harness.CompleteAsync(instance, "rate3", new { risk = 95 });

        Assert.Equal(["alert", "alert"], await OpenAsync(harness, instance));
        Assert.Equal(InstanceStatus.Waiting, instance.Status);
    }

    [Fact]
    public async Task ConditionalStart_StartsTheProcessOnlyWhenItsConditionHolds()
    {
        var harness = await DeployedAsync();

        var none = await harness.Engine.StartByConditionsAsync(new Dictionary<string, object?> { ["amount"] = 100 });
        var started = await harness.Engine.StartByConditionsAsync(new Dictionary<string, object?> { ["amount"] = 60000 }, "APP-9", "intake");

        Assert.Empty(none);
        var instance = (await harness.Engine.GetInstanceAsync(Assert.Single(started)))!;
        Assert.Equal(("conditionalStart", "APP-9", 60000m), (instance.ProcessKey, instance.BusinessKey, instance.Variables["amount"]));
        Assert.Equal(["largeReview"], await OpenAsync(harness, instance));
    }
}
