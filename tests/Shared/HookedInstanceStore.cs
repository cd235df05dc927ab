using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Testing;

/// <summary>
/// An instance store that runs a hook before each commit, to put another unit of work, a wait or a
/// fault in its way; everything else goes to the inner store as it is, the members with a default
/// body included (claims, external tasks, the one-round-trip reads), so a hooked store behaves as
/// its inner one. Shared by the test projects that drive the engine (linked into each, see their csproj).
/// </summary>
public sealed class HookedInstanceStore(IInstanceStore inner) : IInstanceStore
{
    /// <summary>Runs before the inner store commits; throwing from it fails that commit.</summary>
    public Func<WorkflowCommit, Task>? BeforeCommit { get; set; }

    public Task<ProcessInstance?> FindAsync(Guid id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public Task<TaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default) => inner.FindTaskAsync(taskId, cancellationToken);

    public Task<IReadOnlyList<ProcessInstance>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) =>
        inner.FindManyAsync(ids, cancellationToken);

    public Task<TaskWithInstance?> FindTaskWithInstanceAsync(string taskId, CancellationToken cancellationToken = default) =>
        inner.FindTaskWithInstanceAsync(taskId, cancellationToken);

    public Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken = default) => inner.QueryTasksAsync(query, cancellationToken);

    /// <summary>
    /// Grants every claim of a due timer or job without asking the inner store, as a store without
    /// claims does (or as when a claim expired): then only the commit's revision check keeps two
    /// sweeps from firing the same job twice.
    /// </summary>
    public bool WithoutClaims { get; init; }

    public Task<bool> ClaimDueAsync(BookmarkRef due, string owner, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WithoutClaims ? Task.FromResult(true) : inner.ClaimDueAsync(due, owner, until, now, cancellationToken);

    public Task ReleaseClaimAsync(string bookmarkId, string owner, CancellationToken cancellationToken = default) =>
        WithoutClaims ? Task.CompletedTask : inner.ReleaseClaimAsync(bookmarkId, owner, cancellationToken);

    public Task<IReadOnlyList<ExternalTaskRecord>> LockExternalTasksAsync(ExternalTaskLockRequest request, CancellationToken cancellationToken = default) =>
        inner.LockExternalTasksAsync(request, cancellationToken);

    public Task<ExternalTaskRecord?> FindExternalTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        inner.FindExternalTaskAsync(taskId, cancellationToken);

    public Task<bool> ChangeExternalTaskLockAsync(string taskId, string workerId, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ChangeExternalTaskLockAsync(taskId, workerId, expiresAt, now, cancellationToken);

    public Task<IReadOnlyList<ExternalTaskRecord>> QueryExternalTasksAsync(ExternalTaskQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryExternalTasksAsync(query, cancellationToken);

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
