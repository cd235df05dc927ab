using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class ReceiveTriggerFacts
{
    private static async Task<(EngineHarness Harness, ProcessInstance Instance)> StartedAsync()
    {
        var harness = new EngineHarness();
        await harness.DeployAsync("runtime/receive-trigger.bpmn");
        return (harness, await harness.StartAsync("receiveTrigger", businessKey: "ORD-1"));
    }

    [Fact]
    public async Task ReceiveTaskWithoutAMessage_WaitsForATrigger_ThenGoesOn()
    {
        var (harness, instance) = await StartedAsync();
        var waiting = Assert.Single(instance.Bookmarks);
        Assert.Equal((BookmarkKind.Trigger, "awaitDelivery"), (waiting.Kind, waiting.ElementId));
        // A message of any name does not reach it: only a trigger does.
        Assert.Empty((await harness.Engine.CorrelateMessageAsync("awaitDelivery", "ORD-1")).ResumedInstances);

        instance = await harness.Engine.TriggerAsync(instance.Id, "awaitDelivery", new Dictionary<string, object?> { ["deliveredBy"] = "courier" }, actor: "erp");

        Assert.Equal("awaitPayment", Assert.Single(instance.Bookmarks).ElementId);
        Assert.Equal("courier", instance.Variables["deliveredBy"]);
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.Triggered && e.ElementId == "awaitDelivery" && e.Actor == "erp");
        await harness.Engine.CorrelateMessageAsync("invoicePaid", "ORD-1");
        Assert.Equal(InstanceStatus.Completed, (await harness.ReloadAsync(instance)).Status);
    }

    [Fact]
    public async Task Trigger_IsRefused_WhereTheInstanceDoesNotWait_OrTheElementWaitsForAMessage()
    {
        var (harness, instance) = await StartedAsync();
        instance = await harness.Engine.TriggerAsync(instance.Id, "awaitDelivery");

        var again = await Assert.ThrowsAsync<InvalidWorkflowOperationException>(() => harness.Engine.TriggerAsync(instance.Id, "awaitDelivery"));
        var message = await Assert.ThrowsAsync<InvalidWorkflowOperationException>(() => harness.Engine.TriggerAsync(instance.Id, "awaitPayment"));

        Assert.Contains("not waiting at the receive task 'awaitDelivery'", again.Message);
        Assert.Contains("not a receive task without a message", message.Message);
        Assert.Equal("awaitPayment", Assert.Single((await harness.ReloadAsync(instance)).Bookmarks).ElementId);
    }
}
