using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

public sealed class TransactionFacts
{
    private static async Task<(EngineHarness Harness, ProcessInstance Instance)> StartedAsync()
    {
        var harness = new EngineHarness();
        harness.Handlers.Register("reverseLedger", context => context.SetVariable("ledgerReversed", true));
        await harness.DeployAsync("runtime/transactions.bpmn");
        var instance = await harness.StartAsync("drawdown");
        return (harness, instance);
    }

    private static async Task<IReadOnlyList<string>> OpenAsync(EngineHarness harness, ProcessInstance instance) =>
        (await harness.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task TransactionThatEndsNormally_LeavesByItsFlow_AndUndoesNothing()
    {
        var (harness, instance) = await StartedAsync();
        Assert.Equal(["check", "notifyCustomer"], await OpenAsync(harness, instance));

        instance = await harness.CompleteAsync(instance, "notifyCustomer");
        instance = await harness.CompleteAsync(instance, "check", new { approved = true });

        Assert.Equal(["settle"], await OpenAsync(harness, instance));
        Assert.Contains("pay", harness.CompletedPath(instance.Id));
        Assert.Equal(0, harness.Events.Count(e => e.Event is HistoryEventTypes.CompensationThrown or HistoryEventTypes.TransactionCancelled));
        Assert.False(instance.Variables.ContainsKey("ledgerReversed"));
        // Completed, the transaction can itself still be compensated through what completed in it.
        Assert.Equal("pay", Assert.Single(instance.RootScope.Compensations!).ElementId);
    }

    [Fact]
    public async Task CancelEndEvent_CancelsTheOtherPaths_UndoesWhatCompleted_LastFirst_ThenTakesTheCancelBoundary()
    {
        var (harness, instance) = await StartedAsync();

        instance = await harness.CompleteAsync(instance, "check", new { approved = false });

        // The customer is no longer told; the ledger is reversed at once, then the funds wait for a person to release them.
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.Cancelled && e.ElementId == "notifyCustomer");
        Assert.Equal("cancelDrawdown", harness.Events.Single(e => e.Event == HistoryEventTypes.TransactionCancelled && e.ElementId == "pay").Detail);
        Assert.Equal(["releaseFunds"], await OpenAsync(harness, instance));
        Assert.Contains("reverseLedger", harness.CompletedPath(instance.Id));
        Assert.Equal(true, instance.Variables["ledgerReversed"]);
        Assert.DoesNotContain("drawdownCancelled", harness.CompletedPath(instance.Id));

        instance = await harness.CompleteAsync(instance, "releaseFunds");

        Assert.Equal(["bookLedger", "reserveFunds"],
            harness.Events.Where(e => e.Event == HistoryEventTypes.CompensationThrown).Select(e => e.ElementId));
        Assert.Equal(["explainCancellation"], await OpenAsync(harness, instance));
        Assert.Equal(["releaseFunds", "drawdownCancelled"], harness.CompletedPath(instance.Id).TakeLast(2));
        Assert.Contains(harness.Events, e => e.Event == HistoryEventTypes.Cancelled && e.ElementId == "pay");
        Assert.DoesNotContain("pay", harness.CompletedPath(instance.Id));
        Assert.DoesNotContain(instance.Scopes, s => s.Kind != ScopeKind.Process);
        Assert.Null(instance.RootScope.Compensations);

        instance = await harness.CompleteAsync(instance, "explainCancellation");
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.DoesNotContain("settle", harness.CompletedPath(instance.Id));
    }
}
