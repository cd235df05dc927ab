using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Stores;

/// <summary>What completing a task reads first: the task's state and instance, and the instance itself while the task is open.</summary>
public sealed record TaskWithInstance(UserTaskStatus Status, Guid InstanceId, ProcessInstance? Instance);

/// <summary>A waiting bookmark found by a query, to be resumed in its own unit of work.</summary>
public readonly record struct BookmarkRef(Guid InstanceId, string BookmarkId, DateTimeOffset? DueAt);

/// <summary>
/// Stores instances with optimistic concurrency and answers the queries the engine needs:
/// due timers and jobs, message subscriptions and tasks, all from indexed data.
/// </summary>
public interface IInstanceStore
{
    Task<ProcessInstance?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    Task<TaskRecord?> FindTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The instances with these ids that exist; a store that can reads them in one round trip.</summary>
    async Task<IReadOnlyList<ProcessInstance>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        var found = new List<ProcessInstance>(ids.Count);
        foreach (var id in ids)
        {
            if (await FindAsync(id, cancellationToken) is { } instance)
            {
                found.Add(instance);
            }
        }

        return found;
    }

    /// <summary>
    /// The task's state and instance id, with the instance loaded when the task is open; null when
    /// there is no such task. A store that can reads both in one round trip.
    /// </summary>
    async Task<TaskWithInstance?> FindTaskWithInstanceAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var task = await FindTaskAsync(taskId, cancellationToken);
        return task is null ? null
            : new TaskWithInstance(task.Status, task.InstanceId, task.Status == UserTaskStatus.Open ? await FindAsync(task.InstanceId, cancellationToken) : null);
    }

    Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken = default);

    /// <summary>Timers and async jobs due at or before <paramref name="until"/>, earliest first.</summary>
    Task<IReadOnlyList<BookmarkRef>> FindDueAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims a due timer or job for one sweep until <paramref name="until"/>, unless another sweep
    /// holds an unexpired claim on it: false then, and the caller leaves it. So with several servers
    /// on one database each firing runs once (its handlers included). A store without claims
    /// answers true and relies on the commit's revision check alone.
    /// </summary>
    Task<bool> ClaimDueAsync(BookmarkRef due, string owner, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(true);

    /// <summary>Releases a claim of <paramref name="owner"/> whose firing was not committed (it lost a race, or failed).</summary>
    Task ReleaseClaimAsync(string bookmarkId, string owner, CancellationToken cancellationToken = default) => Task.CompletedTask;

    Task<IReadOnlyList<StartTimer>> FindDueStartTimersAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BookmarkRef>> FindMessageSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken cancellationToken = default);

    /// <summary>Every bookmark of every instance waiting for the signal <paramref name="signalName"/>.</summary>
    Task<IReadOnlyList<BookmarkRef>> FindSignalSubscriptionsAsync(string signalName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks up to <see cref="ExternalTaskLockRequest.MaxTasks"/> fetchable external tasks of the
    /// requested topics for the worker and returns them as locked. Safe with several servers on one
    /// database: each task is locked by one fetch only. Changes only the lock, never the instance.
    /// </summary>
    Task<IReadOnlyList<ExternalTaskRecord>> LockExternalTasksAsync(ExternalTaskLockRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This store does not keep external tasks.");

    Task<ExternalTaskRecord?> FindExternalTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This store does not keep external tasks.");

    /// <summary>
    /// Extends (a new expiry) or releases (null) the lock of an external task, only when
    /// <paramref name="workerId"/> holds it at <paramref name="now"/>; false when it does not.
    /// </summary>
    Task<bool> ChangeExternalTaskLockAsync(string taskId, string workerId, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This store does not keep external tasks.");

    Task<IReadOnlyList<ExternalTaskRecord>> QueryExternalTasksAsync(ExternalTaskQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This store does not keep external tasks.");

    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>Stored dispatches due at or before <paramref name="until"/>, earliest first.</summary>
    Task<IReadOnlyList<Dispatch>> FindDueDispatchesAsync(DateTimeOffset until, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a stored dispatch to <paramref name="dueAt"/> with its count of failed tries and the
    /// last failure, only while it is still due at <paramref name="expectedDueAt"/>: false when it
    /// was delivered or moved meanwhile. A sweep claims a dispatch this way before delivering it,
    /// so with several servers one delivers it and the others leave it.
    /// </summary>
    Task<bool> PostponeDispatchAsync(Guid dispatchId, DateTimeOffset expectedDueAt, DateTimeOffset dueAt, int attempts, string? lastError,
        CancellationToken cancellationToken = default);

    /// <summary>The targets a dispatch was delivered to so far.</summary>
    Task<IReadOnlySet<string>> FindDeliveriesAsync(Guid dispatchId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a unit of work atomically. Throws <see cref="ConcurrencyException"/> when an instance
    /// changed since it was loaded, and then writes nothing.
    /// </summary>
    Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops whatever a unit of work that is rolled back left pending in this store's session (for
    /// a database store, the rows its handlers added to or changed in the shared context), so the
    /// next commit does not save it. A failed try of an async job calls this before its failure is recorded.
    /// </summary>
    void DiscardPending();
}
