using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Testing;

/// <summary>
/// An instance store that runs a hook before each commit, to put another unit of work, a wait or a
/// fault in its way. Shared by the test projects that drive the engine (linked into each, see their csproj).
/// </summary>
public sealed class HookedInstanceStore(IInstanceStore inner) : IInstanceStore
{
    /// <summary>Runs before the inner store commits; throwing from it fails that commit.</summary>
    public Func<WorkflowCommit, Task>? BeforeCommit { get; set; }

    public Task<ProcessInstance?> FindAsync(Guid id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public Task<TaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default) => inner.FindTaskAsync(taskId, cancellationToken);

    public Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken = default) => inner.QueryTasksAsync(query, cancellationToken);

    public Task<IReadOnlyList<BookmarkRef>> FindDueAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default) =>
        inner.FindDueAsync(until, max, cancellationToken);

    public Task<IReadOnlyList<StartTimer>> FindDueStartTimersAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default) =>
        inner.FindDueStartTimersAsync(until, max, cancellationToken);

    public Task<IReadOnlyList<BookmarkRef>> FindMessageSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken cancellationToken = default) =>
        inner.FindMessageSubscriptionsAsync(messageName, correlationKey, cancellationToken);

    public Task<IReadOnlyList<BookmarkRef>> FindSignalSubscriptionsAsync(string signalName, CancellationToken cancellationToken = default) =>
        inner.FindSignalSubscriptionsAsync(signalName, cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<Dispatch>> FindDueDispatchesAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default) =>
        inner.FindDueDispatchesAsync(until, max, cancellationToken);

    public Task<bool> PostponeDispatchAsync(Guid dispatchId, DateTimeOffset expectedDueAt, DateTimeOffset dueAt, int attempts, string? lastError,
        CancellationToken cancellationToken = default) => inner.PostponeDispatchAsync(dispatchId, expectedDueAt, dueAt, attempts, lastError, cancellationToken);

    public Task<IReadOnlySet<string>> FindDeliveriesAsync(Guid dispatchId, CancellationToken cancellationToken = default) =>
        inner.FindDeliveriesAsync(dispatchId, cancellationToken);

    public void DiscardPending() => inner.DiscardPending();

    public async Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        if (BeforeCommit is { } hook)
        {
            await hook(commit);
        }

        await inner.CommitAsync(commit, cancellationToken);
    }
}
