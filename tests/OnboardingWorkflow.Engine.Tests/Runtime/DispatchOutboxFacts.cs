using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Tests.Support;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Engine.Tests.Runtime;

/// <summary>
/// Thrown messages and signals are stored with their thrower's commit and kept until every
/// receiver has them: a delivery cut off (a process that stopped, a receiver that failed) is
/// finished by the timers sweep, and a receiver or a start event it already reached is not reached again.
/// </summary>
public sealed class DispatchOutboxFacts
{
    private static readonly TimeSpan Grace = new WorkflowEngineOptions().DispatchGrace;

    /// <summary>The harness, with a hook in front of its store.</summary>
    private static (EngineHarness Harness, HookedInstanceStore Hooked) Hooked(List<DispatchFailure>? failures = null)
    {
        HookedInstanceStore hooked = null!;
        var harness = new EngineHarness(wrapStore: inner => hooked = new HookedInstanceStore(inner), dispatchFailures: failures is null ? null : failures.Add);
        return (harness, hooked);
    }

    /// <summary>An engine started afresh on the same stores and clock, as a restarted server is.</summary>
    private static WorkflowEngine Restarted(EngineHarness harness, IInstanceStore store) =>
        new(new WorkflowEngineOptions { Instances = store, Definitions = harness.Definitions, Clock = harness.Clock });

    private static Task<IReadOnlyList<Dispatch>> StoredAsync(EngineHarness harness) => harness.Store.FindDueDispatchesAsync(DateTimeOffset.MaxValue, 100);

    private static async Task<List<string>> OpenAsync(EngineHarness harness, Guid instanceId) =>
        (await harness.OpenTasksAsync(instanceId)).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToList();

    private static async Task<int> SignalStartedAsync(EngineHarness harness) =>
        (await harness.Store.QueryTasksAsync(new TaskQuery { ElementId = "reviewRates" })).Count;

    [Fact]
    public async Task ASignalCutOffMidDelivery_IsFinishedByTheSweepOfARestartedEngine_OnceItsGraceIsOver()
    {
        var (harness, hooked) = Hooked();
        await harness.DeployAsync("runtime/signals.bpmn");
        var waiters = new[] { await harness.StartAsync("signalWaiter"), await harness.StartAsync("signalWaiter") };
        var beside = await harness.StartAsync("signalBeside");
        hooked.BeforeCommit = commit => commit.Instances.Any(i => i.Instance.Id == waiters[1].Id)
            ? throw new OperationCanceledException("the server stops")
            : Task.CompletedTask;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.StartAsync("signalThrower"));

        hooked.BeforeCommit = null;
        Assert.Empty(await OpenAsync(harness, waiters[1].Id));
        var stored = Assert.Single(await StoredAsync(harness));
        Assert.Equal((DispatchKind.Signal, "ratesChanged"), (stored.Kind, stored.Name));
        Assert.Equal(harness.Clock.GetUtcNow() + Grace, stored.DueAt);

        var restarted = Restarted(harness, hooked);
        harness.Clock.Advance(Grace - TimeSpan.FromSeconds(1));
        await restarted.RunDueJobsAsync();
        Assert.Empty(await OpenAsync(harness, waiters[1].Id)); // its thrower still has the time to deliver it

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await restarted.RunDueJobsAsync());

        Assert.Equal(["reprice"], await OpenAsync(harness, waiters[0].Id));
        Assert.Equal(["reprice"], await OpenAsync(harness, waiters[1].Id));
        Assert.Equal(["recheck", "work"], await OpenAsync(harness, beside.Id));
        Assert.Equal(1, await SignalStartedAsync(harness));
        Assert.Empty(await StoredAsync(harness));
    }

    [Fact]
    public async Task ASignalDeliveredRunAgain_ReachesNoReceiverTwice_NotEvenABoundaryThatStaysArmed()
    {
        var (harness, hooked) = Hooked();
        await harness.DeployAsync("runtime/signals.bpmn");
        var waiter = await harness.StartAsync("signalWaiter");
        var beside = await harness.StartAsync("signalBeside");
        hooked.BeforeCommit = commit => commit.DeliveredDispatches.Count > 0
            ? throw new OperationCanceledException("the server stops before the dispatch is removed")
            : Task.CompletedTask;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.StartAsync("signalThrower"));
        hooked.BeforeCommit = null;
        Assert.Equal(["recheck", "work"], await OpenAsync(harness, beside.Id));
        var stored = Assert.Single(await StoredAsync(harness));
        Assert.Equal(3, (await harness.Store.FindDeliveriesAsync(stored.Id)).Count); // the waiter, the boundary's instance, the signal start

        harness.Clock.Advance(Grace);
        Assert.Equal(1, await Restarted(harness, hooked).RunDueJobsAsync());

        // The boundary event still listens, so only the record of the first delivery keeps it from a second.
        Assert.Equal(["recheck", "work"], await OpenAsync(harness, beside.Id));
        Assert.Equal(["reprice"], await OpenAsync(harness, waiter.Id));
        Assert.Equal(1, await SignalStartedAsync(harness));
        Assert.Empty(await StoredAsync(harness));
        Assert.Empty(await harness.Store.FindDeliveriesAsync(stored.Id));
    }

    [Fact]
    public async Task AMessageThatStartedAProcess_DoesNotStartItAgain_WhenItsDeliveryIsRunAgain()
    {
        var (harness, hooked) = Hooked();
        await harness.DeployAsync("runtime/messages.bpmn", "runtime/outbox.bpmn");
        hooked.BeforeCommit = commit => commit.DeliveredDispatches.Count > 0
            ? throw new OperationCanceledException("the server stops before the dispatch is removed")
            : Task.CompletedTask;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.StartAsync("applicationDesk", businessKey: "APP-7"));
        hooked.BeforeCommit = null;
        var stored = Assert.Single(await StoredAsync(harness));
        Assert.Equal((DispatchKind.Message, "applicationSubmitted", "APP-7"), (stored.Kind, stored.Name, stored.CorrelationKey));
        Assert.Equal([Dispatch.StartTarget("intake", "intakeStart")], await harness.Store.FindDeliveriesAsync(stored.Id));

        harness.Clock.Advance(Grace);
        await Restarted(harness, hooked).RunDueJobsAsync();

        Assert.Single(await harness.Store.QueryTasksAsync(new TaskQuery { ElementId = "triage", BusinessKey = "APP-7" }));
        Assert.Empty(await StoredAsync(harness));
    }

    [Fact]
    public async Task AReceiverThatFails_DoesNotFailItsThrower_AndIsTriedAgainLaterAndLater_UntilItTakesTheSignal()
    {
        var failures = new List<DispatchFailure>();
        var (harness, hooked) = Hooked(failures);
        await harness.DeployAsync("runtime/signals.bpmn");
        var waiter = await harness.StartAsync("signalWaiter");
        hooked.BeforeCommit = commit => commit.Instances.Any(i => i.Instance.Id == waiter.Id) ? throw new IOException("the disk is full") : Task.CompletedTask;

        var thrower = await harness.StartAsync("signalThrower");

        Assert.Equal(InstanceStatus.Completed, thrower.Status);
        Assert.Empty(await OpenAsync(harness, waiter.Id));
        var failure = Assert.Single(failures);
        Assert.Equal((1, "the disk is full", harness.Clock.GetUtcNow() + Grace), (failure.Attempts, failure.Error.Message, failure.RetryAt));
        var stored = Assert.Single(await StoredAsync(harness));
        Assert.Equal((1, "IOException: the disk is full", failure.RetryAt), (stored.Attempts, stored.LastError, stored.DueAt));

        harness.Clock.Advance(Grace);
        await harness.Engine.RunDueJobsAsync();
        Assert.Equal(2, failures.Count);
        Assert.Equal((2, harness.Clock.GetUtcNow() + 2 * Grace), (failures[1].Attempts, Assert.Single(await StoredAsync(harness)).DueAt));

        hooked.BeforeCommit = null;
        harness.Clock.Advance(2 * Grace - TimeSpan.FromSeconds(1));
        await harness.Engine.RunDueJobsAsync();
        Assert.Empty(await OpenAsync(harness, waiter.Id)); // not yet due

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await harness.Engine.RunDueJobsAsync();
        Assert.Equal(["reprice"], await OpenAsync(harness, waiter.Id));
        Assert.Equal(1, await SignalStartedAsync(harness));
        Assert.Empty(await StoredAsync(harness));
        Assert.Equal(2, failures.Count);
    }

    [Fact]
    public async Task ADispatchClaimedByOneSweep_IsLeftByAnother_UntilItsNextTry()
    {
        var (harness, hooked) = Hooked();
        await harness.DeployAsync("runtime/signals.bpmn");
        var waiter = await harness.StartAsync("signalWaiter");
        hooked.BeforeCommit = commit => commit.Instances.Any(i => i.Instance.Id == waiter.Id) ? throw new OperationCanceledException("stopped") : Task.CompletedTask;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.StartAsync("signalThrower"));
        var stored = Assert.Single(await StoredAsync(harness));
        harness.Clock.Advance(Grace);

        // The first sweep claims it and stops while delivering (as above); a second finds it claimed.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Restarted(harness, hooked).RunDueJobsAsync());
        hooked.BeforeCommit = null;
        Assert.Equal(0, await Restarted(harness, hooked).RunDueJobsAsync());
        Assert.Empty(await OpenAsync(harness, waiter.Id));
        var claimed = Assert.Single(await StoredAsync(harness));
        Assert.Equal((stored.Id, 1, harness.Clock.GetUtcNow() + Grace), (claimed.Id, claimed.Attempts, claimed.DueAt));
        Assert.False(await harness.Store.PostponeDispatchAsync(stored.Id, stored.DueAt, stored.DueAt, 1, null));

        harness.Clock.Advance(Grace);
        Assert.Equal(1, await Restarted(harness, hooked).RunDueJobsAsync());
        Assert.Equal(["reprice"], await OpenAsync(harness, waiter.Id));
    }
}
