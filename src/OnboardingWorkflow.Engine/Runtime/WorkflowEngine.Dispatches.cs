using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>Told when a stored message or signal could not be delivered: which, after how many tries, and why. The host logs it.</summary>
public sealed record DispatchFailure(Dispatch Dispatch, int Attempts, Exception Error, DateTimeOffset RetryAt);

/// <summary>
/// Thrown messages and signals. A throw event does not deliver inside its own unit of work: its
/// dispatch is stored in that commit, then delivered right after it, each receiver in a unit of
/// work of its own that records the delivery, and removed once every receiver has it. Whatever
/// stops that delivery (a crash, a receiver that fails, a database that went away) leaves the
/// dispatch stored, and the timers sweep delivers it once due, to the receivers it has not reached.
/// </summary>
public sealed partial class WorkflowEngine
{
    /// <summary>The longest wait between two tries of a dispatch that keeps failing.</summary>
    private static readonly TimeSpan LongestDispatchRetry = TimeSpan.FromHours(1);

    /// <summary>A stored dispatch being delivered, and the targets it reached before this run.</summary>
    private sealed record Delivery(Guid DispatchId, IReadOnlySet<string> Reached)
    {
        public bool ReachedAnInstance => Reached.Any(t => t.StartsWith(Dispatch.InstanceTargetPrefix, StringComparison.Ordinal));
    }

    /// <summary>A new dispatch of this unit of work, due for the sweep only once the thrower had time to deliver it.</summary>
    internal Dispatch NewDispatch(DispatchKind kind, string name, string? correlationKey, IReadOnlyDictionary<string, object?>? variables, string? actor,
        Guid sourceInstanceId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        Kind = kind,
        Name = name,
        CorrelationKey = correlationKey,
        Variables = variables,
        Actor = actor,
        SourceInstanceId = sourceInstanceId,
        CreatedAt = at,
        DueAt = Clock.GetUtcNow() + Options.DispatchGrace,
    };

    /// <summary>
    /// Delivers what a unit of work threw, right after its commit. Never fails the unit of work,
    /// which is committed: a failed delivery stays stored and is tried again by the sweep.
    /// </summary>
    private async Task DeliverThrownAsync(Dispatch dispatch, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverStoredAsync(dispatch, new Delivery(dispatch.Id, new HashSet<string>()), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordDispatchFailureAsync(dispatch, dispatch.Attempts + 1, ex, cancellationToken);
        }
    }

    /// <summary>
    /// A sweep's try of a due dispatch: claimed first by moving it to its next try (so another sweep
    /// leaves it), then delivered to the targets it has not reached; whether it was delivered.
    /// </summary>
    private async Task<bool> RedeliverAsync(Dispatch dispatch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempts = dispatch.Attempts + 1;
        var claimed = dispatch with { Attempts = attempts, DueAt = now + RetryDelay(attempts) };
        if (!await Options.Instances.PostponeDispatchAsync(dispatch.Id, dispatch.DueAt, claimed.DueAt, attempts, dispatch.LastError, cancellationToken))
        {
            return false; // delivered meanwhile, or another sweep has it
        }

        try
        {
            var reached = await Options.Instances.FindDeliveriesAsync(dispatch.Id, cancellationToken);
            await DeliverStoredAsync(claimed, new Delivery(dispatch.Id, reached), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordDispatchFailureAsync(claimed, attempts, ex, cancellationToken);
            return false;
        }
    }

    /// <summary>Delivers a stored dispatch to every target it has not reached, then removes it.</summary>
    private async Task DeliverStoredAsync(Dispatch dispatch, Delivery delivery, CancellationToken cancellationToken)
    {
        var variables = dispatch.Variables is null ? null : new Dictionary<string, object?>(dispatch.Variables);
        await DeliverToAllAsync(dispatch.Kind, dispatch.Name, dispatch.CorrelationKey, variables, dispatch.Actor, delivery, cancellationToken);
        var done = new WorkflowCommit();
        done.DeliveredDispatches.Add(dispatch.Id);
        await Options.Instances.CommitAsync(done, cancellationToken);
    }

    /// <summary>
    /// Commits a unit of work that delivers a dispatch to <paramref name="target"/>, recording the
    /// delivery with it; whether it was committed here. When the commit fails because another run
    /// delivered the same dispatch to the same target first, that is not a failure: false.
    /// </summary>
    private async Task<bool> CommitDeliveryAsync(Execution execution, Delivery? delivery, string target, CancellationToken cancellationToken)
    {
        if (delivery is null)
        {
            await RunAndCommitAsync(execution, cancellationToken);
            return true;
        }

        execution.Commit.Deliveries.Add((delivery.DispatchId, target));
        try
        {
            await RunAndCommitAsync(execution, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Options.Instances.DiscardPending();
            if ((await Options.Instances.FindDeliveriesAsync(delivery.DispatchId, cancellationToken)).Contains(target))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>Keeps the failure on the stored dispatch, moved to its next try, and tells the host.</summary>
    private async Task RecordDispatchFailureAsync(Dispatch dispatch, int attempts, Exception error, CancellationToken cancellationToken)
    {
        Options.Instances.DiscardPending();
        var retryAt = Clock.GetUtcNow() + RetryDelay(attempts);
        try
        {
            await Options.Instances.PostponeDispatchAsync(dispatch.Id, dispatch.DueAt, retryAt, attempts, Describe(error), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store failed too: the dispatch stays due as it was, and a sweep tries it then.
            retryAt = dispatch.DueAt;
        }

        Options.DispatchFailureObserver?.Invoke(new DispatchFailure(dispatch, attempts, error, retryAt));
    }

    /// <summary>The wait before try <paramref name="attempts"/> + 1: the grace, doubled at each failure, at most an hour.</summary>
    private TimeSpan RetryDelay(int attempts)
    {
        var delay = Options.DispatchGrace * Math.Pow(2, Math.Min(attempts - 1, 20));
        return delay < LongestDispatchRetry ? delay : LongestDispatchRetry;
    }

    private static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        return text.Length <= 2000 ? text : text[..2000];
    }
}
